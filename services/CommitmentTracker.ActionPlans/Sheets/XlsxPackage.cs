using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>
/// The zip package of an XLSX workbook, opened within <see cref="SheetLimits"/>: its directory is counted before it is
/// loaded, and every part is read as a stream whose bytes are charged to one budget for the whole workbook.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    /// <summary>The longest XML tag accepted: real tags are tens of bytes, and a reader holds a whole tag in memory.</summary>
    internal const int MaxTagBytes = 1024 * 1024;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive zip;
    private readonly SheetLimits limits;
    private long bytesLeft;

    private XlsxPackage(ZipArchive zip, SheetLimits limits)
    {
        this.zip = zip;
        this.limits = limits;
        bytesLeft = limits.MaxUncompressedBytes;
    }

    /// <summary>Opens the package; the package owns <paramref name="stream"/> (seekable).</summary>
    public static XlsxPackage Open(Stream stream, SheetLimits limits)
    {
        var parts = CountEntries(stream, limits.MaxParts);
        if (parts > limits.MaxParts)
        {
            throw UnreadableSheet.Because($"The workbook holds more than {limits.MaxParts:N0} parts, the most accepted.");
        }

        stream.Position = 0;
        var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        var declared = zip.Entries.Sum(e => e.Length);
        if (declared > limits.MaxUncompressedBytes)
        {
            zip.Dispose();
            throw UnreadableSheet.Because($"The workbook uncompresses to {declared:N0} bytes; at most {limits.MaxUncompressedBytes:N0} are accepted.");
        }

        return new XlsxPackage(zip, limits);
    }

    public bool Contains(string path) => Find(path) is not null;

    /// <summary>An XML reader over a part (null when absent); its bytes count against the workbook's budget.</summary>
    public XmlReader? Read(string path) =>
        Find(path) is { } entry ? XmlReader.Create(new PartStream(entry.Open(), this, path), XmlSettings) : null;

    public void Dispose() => zip.Dispose();

    /// <summary>Zip names are case-sensitive, but some writers differ in case from their own relationships.</summary>
    private ZipArchiveEntry? Find(string path) =>
        zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));

    private void Spend(int bytes)
    {
        bytesLeft -= bytes;
        if (bytesLeft < 0)
        {
            // The directory's sizes can lie; the bytes actually read cannot.
            throw UnreadableSheet.Because($"The workbook uncompresses to more than {limits.MaxUncompressedBytes:N0} bytes, the most accepted.");
        }
    }

    /// <summary>
    /// Walks the zip's central directory (after its end record) counting entries, without loading them: stops at
    /// <paramref name="max"/> + 1. A file without an end record is not a zip.
    /// </summary>
    private static long CountEntries(Stream stream, int max)
    {
        const uint EndSignature = 0x06054b50, Zip64LocatorSignature = 0x07064b50, Zip64EndSignature = 0x06064b50, EntrySignature = 0x02014b50;
        var tail = (int)Math.Min(stream.Length, 22 + ushort.MaxValue);
        var buffer = new byte[tail];
        stream.Position = stream.Length - tail;
        stream.ReadExactly(buffer);
        var end = -1;
        for (var i = tail - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == EndSignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw UnreadableSheet.Because("The file starts like an XLSX workbook but is not a complete zip package.");
        }

        long directory = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(end + 16));
        if (directory == uint.MaxValue && end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(end - 20)) == Zip64LocatorSignature)
        {
            var zip64End = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(end - 12));
            var record = new byte[56];
            stream.Position = zip64End;
            stream.ReadExactly(record);
            directory = BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
                ? (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48))
                : throw UnreadableSheet.Because("The workbook's zip directory is damaged.");
        }

        var header = new byte[46];
        stream.Position = directory;
        long count = 0;
        while (count <= max && stream.Position + header.Length <= stream.Length)
        {
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != EntrySignature)
            {
                break;
            }

            count++;
            var skip = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30))
                + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            stream.Position += skip;
        }

        return count;
    }

    /// <summary>
    /// A part's uncompressed bytes: charged to the workbook's budget, and watched for what would make an XML reader hold
    /// a lot in memory at once: a document type (refused outright: workbooks have none) or a tag longer than
    /// <see cref="MaxTagBytes"/>. Long text between tags is fine: the sheet reader takes it in chunks.
    /// </summary>
    private sealed class PartStream(Stream inner, XlsxPackage package, string path) : Stream
    {
        private const byte None = 0;
        private Scan state = Scan.Text;
        private byte quote = None;
        private int tagBytes;

        private enum Scan
        {
            Text,
            TagStart,
            Bang,
            Tag,
            Markup,
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            package.Spend(read);
            Watch(buffer[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Watch(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                switch (state)
                {
                    case Scan.Text:
                        if (b == (byte)'<')
                        {
                            state = Scan.TagStart;
                            tagBytes = 1;
                        }

                        continue;
                    case Scan.TagStart:
                        // "<!" opens a comment, CDATA or document type; "<?" a processing instruction; else an element tag.
                        state = b switch
                        {
                            (byte)'!' => Scan.Bang,
                            (byte)'?' => Scan.Markup,
                            _ => Scan.Tag,
                        };
                        break;
                    case Scan.Bang when b is (byte)'D' or (byte)'d':
                        throw UnreadableSheet.Because($"The workbook's part {path} declares a document type (DTD); workbooks have none, and it is not accepted.");
                    case Scan.Bang:
                        state = Scan.Markup;
                        break;
                    case Scan.Markup when b == (byte)'>':
                    case Scan.Tag when b == (byte)'>' && quote == None:
                        state = Scan.Text;
                        continue;
                    case Scan.Tag when b is (byte)'"' or (byte)'\'':
                        quote = quote == None ? b : quote == b ? None : quote;
                        break;
                }

                if (++tagBytes > MaxTagBytes)
                {
                    throw UnreadableSheet.Because($"The workbook's part {path} holds an XML tag longer than {MaxTagBytes:N0} bytes, which no workbook needs.");
                }
            }
        }
    }
}
