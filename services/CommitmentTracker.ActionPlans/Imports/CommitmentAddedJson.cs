using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;

namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>
/// The outbox JSON of a <see cref="CommitmentAdded"/>, written with one reused writer: the same bytes the outbox's
/// serializer writes (web defaults, relaxed escaping, the records' property order, nulls written), without its
/// per-event work. A first import writes one per row, each with the commitment's full text; serialising them was
/// 6–7 % of the import. <c>CommitmentAddedJsonTests</c> holds it to the serializer's output, every property set.
/// </summary>
internal static class CommitmentAddedJson
{
    private const int MaxKeptScratchBytes = 1 << 20;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic] private static ArrayBufferWriter<byte>? scratch;
    [ThreadStatic] private static Utf8JsonWriter? scratchWriter;

    /// <summary>The outbox row for <paramref name="added"/>, as <see cref="ServiceDbContext.ToOutboxMessage{TEvent}(TEvent)"/> makes it.</summary>
    public static OutboxMessage ToOutboxMessage(CommitmentAdded added) => ServiceDbContext.ToOutboxMessage<CommitmentAdded>(Write(added));

    public static string Write(CommitmentAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var buffer = scratch ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = scratchWriter ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("commitmentId", added.CommitmentId);
        writer.WriteString("actionPlanId", added.ActionPlanId);
        writer.WriteString("memberCode", added.MemberCode);
        writer.WriteString("title", added.Title);
        WriteList(writer, "policyAreas", added.PolicyAreas);
        if (added.ImportId is { } importId)
        {
            writer.WriteString("importId", importId);
        }
        else
        {
            writer.WriteNull("importId");
        }

        writer.WriteString("occurredAt", added.OccurredAt);
        if (added.Current is { } current)
        {
            writer.WriteStartObject("current");
            WriteSnapshot(writer, current);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("current");
        }

        writer.WriteBoolean("restored", added.Restored);
        writer.WriteEndObject();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKeptScratchBytes)
        {
            // A rare huge commitment does not keep its buffer for the thread's lifetime.
            (scratch, scratchWriter) = (null, null);
        }

        return json;
    }

    private static void WriteSnapshot(Utf8JsonWriter writer, CommitmentSnapshot current)
    {
        writer.WriteString("title", current.Title);
        WriteText(writer, "shortTitle", current.ShortTitle);
        WriteText(writer, "fullText", current.FullText);
        WriteText(writer, "theme", current.Theme);
        WriteText(writer, "leadInstitution", current.LeadInstitution);
        WriteText(writer, "supportingInstitutions", current.SupportingInstitutions);
        WriteText(writer, "memberName", current.MemberName);
        WriteText(writer, "region", current.Region);
        WriteNumber(writer, "actionPlanNumber", current.ActionPlanNumber);
        WriteNumber(writer, "submissionYear", current.SubmissionYear);
        WriteNumber(writer, "endYear", current.EndYear);
        WriteList(writer, "policyAreas", current.PolicyAreas);
        WriteText(writer, "potentialImpact", current.PotentialImpact);
        WriteText(writer, "potentialForResults", current.PotentialForResults);
        WriteText(writer, "completionProgressReport", current.CompletionProgressReport);
        WriteText(writer, "completionEndOfTerm", current.CompletionEndOfTerm);
        WriteText(writer, "earlyResults", current.EarlyResults);
        WriteText(writer, "didItOpenGovernment", current.DidItOpenGovernment);
        WriteText(writer, "url", current.Url);
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
