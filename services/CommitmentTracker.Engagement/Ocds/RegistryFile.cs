using System.Globalization;
using System.Text.Json;
using CommitmentTracker.Engagement.Assessment;

namespace CommitmentTracker.Engagement.Ocds;

/// <summary>A publication read from the registry file, checked.</summary>
internal sealed record RegistryPublication(
    int Id, string Title, string Country, string? Region, string? SourceId, string? SourceUrl,
    DateOnly? LastRetrieved, DateOnly? DateFrom, DateOnly? DateTo, bool Frozen, IReadOnlyList<string> Stages);

/// <summary>A registry file read: its publications, or every problem found (<see cref="Malformed"/>: it is not even JSON).</summary>
internal sealed record RegistryFileReading(List<RegistryPublication> Publications, Dictionary<string, string[]> Errors, bool Malformed);

/// <summary>
/// Reads the OCP Data Registry's <c>publications.json</c> (an array of publications). Every problem is collected,
/// keyed by the item's index and field, so an admin sees them all at once; a file with any problem is not applied.
/// </summary>
internal static class RegistryFile
{
    private const int MaxReportedErrors = 50;

    /// <summary>Parses and reads a registry file as uploaded or pulled; the upload and the scheduled pull apply the same checks.</summary>
    public static RegistryFileReading Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var (publications, errors) = Read(document.RootElement);
            return new RegistryFileReading(publications, errors, Malformed: false);
        }
        catch (JsonException e)
        {
            return new RegistryFileReading([], new Dictionary<string, string[]> { ["body"] = [$"The registry file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."] }, Malformed: true);
        }
    }

    public static (List<RegistryPublication> Publications, Dictionary<string, string[]> Errors) Read(JsonElement root)
    {
        var publications = new List<RegistryPublication>();
        var errors = new Dictionary<string, string[]>();
        if (root.ValueKind != JsonValueKind.Array)
        {
            errors["body"] = ["The registry file must be a JSON array of publications, as publications.json is."];
            return (publications, errors);
        }

        var seen = new HashSet<int>();
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var at = $"[{index++}]";
            void Fail(string field, string message)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors[$"{at}.{field}"] = [message];
                }
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail("item", "Each publication must be a JSON object.");
                continue;
            }

            int id = 0;
            if (!item.TryGetProperty("id", out var idValue) || idValue.ValueKind != JsonValueKind.Number || !idValue.TryGetInt32(out id) || id < 1)
            {
                Fail("id", "id is required: a positive whole number.");
            }
            else if (!seen.Add(id))
            {
                Fail("id", $"id {id} appears more than once.");
            }

            var country = Text(item, "country", 200, Fail, required: true);
            var title = Text(item, "title", 500, Fail) ?? Text(item, "source_id", 500, Fail) ?? $"Publication {id}";
            var region = Text(item, "region", 100, Fail);
            var sourceId = Text(item, "source_id", 200, Fail);
            var sourceUrl = Text(item, "source_url", 2000, Fail);
            var lastRetrieved = Date(item, "last_retrieved", Fail);
            var dateFrom = Date(item, "date_from", Fail);
            var dateTo = Date(item, "date_to", Fail);
            var frozen = false;
            if (item.TryGetProperty("frozen", out var frozenValue) && frozenValue.ValueKind != JsonValueKind.Null)
            {
                if (frozenValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    frozen = frozenValue.GetBoolean();
                }
                else
                {
                    Fail("frozen", "frozen must be true or false.");
                }
            }

            var coverage = new Dictionary<string, long>(StringComparer.Ordinal);
            if (item.TryGetProperty("coverage", out var coverageValue) && coverageValue.ValueKind != JsonValueKind.Null)
            {
                if (coverageValue.ValueKind != JsonValueKind.Object)
                {
                    Fail("coverage", "coverage must be an object of OCDS paths to counts.");
                }
                else
                {
                    foreach (var path in coverageValue.EnumerateObject())
                    {
                        if (path.Value.ValueKind != JsonValueKind.Number || !path.Value.TryGetInt64(out var count) || count < 0)
                        {
                            Fail("coverage", $"coverage['{path.Name}'] must be a count (a whole number, 0 or more).");
                            break;
                        }

                        coverage[path.Name] = count;
                    }
                }
            }

            if (country is not null && id > 0)
            {
                publications.Add(new RegistryPublication(id, title, country, region, sourceId, sourceUrl, lastRetrieved, dateFrom, dateTo, frozen, PublicationRating.StagesCovered(coverage)));
            }
        }

        return (publications, errors);
    }

    private static string? Text(JsonElement item, string field, int maxLength, Action<string, string> fail, bool required = false)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                fail(field, $"{field} is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            fail(field, $"{field} must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            fail(field, $"{field} has at most {maxLength} characters.");
            return null;
        }

        if (text.Length == 0 && required)
        {
            fail(field, $"{field} is required.");
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>A day (<c>2026-10-30</c>), or a timestamp whose day is taken; empty or null means unknown.</summary>
    private static DateOnly? Date(JsonElement item, string field, Action<string, string> fail)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return DateOnly.FromDateTime(timestamp.UtcDateTime);
        }

        fail(field, $"{field} must be a date (yyyy-MM-dd).");
        return null;
    }
}
