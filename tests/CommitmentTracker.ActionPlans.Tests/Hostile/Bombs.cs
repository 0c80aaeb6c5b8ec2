using System.IO.Compression;
using System.Security;
using System.Text;

namespace CommitmentTracker.ActionPlans.Tests.Hostile;

/// <summary>
/// Hostile files built in the test (never committed): small on disk, huge once read. Workbooks are written part by part
/// as raw XML, so a part can hold what no spreadsheet program would write.
/// </summary>
internal static class Bombs
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// A workbook with the given header and rows as inline strings; <paramref name="cell"/> may write any cell's XML itself
    /// (row and column 0-based, the header being row 0) and returns true when it did.
    /// </summary>
    public static byte[] Workbook(
        IReadOnlyList<string> header,
        IReadOnlyList<string[]> rows,
        Func<int, int, TextWriter, bool>? cell = null,
        Action<Stream>? sharedStrings = null,
        int extraParts = 0)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Text(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>""");
            Text(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Text(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Commitments" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Text(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            if (sharedStrings is not null)
            {
                using var part = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open();
                sharedStrings(part);
            }

            for (var i = 0; i < extraParts; i++)
            {
                Text(zip, $"xl/media/extra{i}.xml", "<x/>");
            }

            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            sheet.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
            string[][] all = [[.. header], .. rows];
            for (var r = 0; r < all.Length; r++)
            {
                sheet.Write($"<row r=\"{r + 1}\">");
                for (var c = 0; c < all[r].Length; c++)
                {
                    if (cell?.Invoke(r, c, sheet) != true)
                    {
                        sheet.Write($"<c t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(all[r][c])}</t></is></c>");
                    }
                }

                sheet.Write("</row>");
            }

            sheet.Write("</sheetData></worksheet>");
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="character"/> in chunks (the test never holds them).</summary>
    public static void Repeat(Stream stream, char character, long count)
    {
        var chunk = Encoding.ASCII.GetBytes(new string(character, 1 << 20));
        for (var left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
    }

    public static void Repeat(TextWriter writer, char character, long count)
    {
        var chunk = new string(character, 1 << 20).ToCharArray();
        for (var left = count; left > 0; left -= chunk.Length)
        {
            writer.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }
    }

    public static void Ascii(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    private static void Text(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
