using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Sheets;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Messaging;

namespace CommitmentTracker.ActionPlans.Tests.Importing;

/// <summary>
/// A first import writes its <see cref="CommitmentAdded"/> events with its own writer (issue 21); consumers read them
/// with the outbox's serializer in mind, so the bytes must be the serializer's.
/// </summary>
public sealed class CommitmentAddedJsonTests
{
    [Fact]
    public async Task Every_real_row_s_event_is_written_as_the_outbox_serializer_writes_it()
    {
        var sheet = await SampleSheet.LoadAsync();
        foreach (var row in sheet.Rows)
        {
            var cells = sheet.Header.Zip(row).Where(c => c.Second.Length > 0).ToDictionary(c => c.First, c => c.Second, StringComparer.Ordinal);
            var areas = CommitmentCells.PolicyAreas(cells);
            var added = new CommitmentAdded
            {
                CommitmentId = cells[SheetColumns.CommitmentId],
                ActionPlanId = cells[SheetColumns.ActionPlanId],
                MemberCode = cells[SheetColumns.MemberCode],
                Title = cells[SheetColumns.Title],
                PolicyAreas = areas,
                ImportId = Guid.CreateVersion7(),
                OccurredAt = new DateTime(2026, 12, 5, 14, 30, 1, 123, DateTimeKind.Utc),
                Current = CommitmentCells.Snapshot(cells, areas),
            };

            AssertWrittenAsSerialized(added);
        }
    }

    [Fact]
    public void Every_property_set_or_left_empty_is_written_as_the_outbox_serializer_writes_it()
    {
        // Every property set (a property added to the contract and not to the writer fails here), with text to escape.
        const string Text = "Quote \" backslash \\ <tag> & 'apostrophe' é ü 中文 😀 \u2028 tab\t newline\n control \u0001";
        var full = new CommitmentAdded
        {
            CommitmentId = "UK0098",
            ActionPlanId = "AP_GBR05",
            MemberCode = "GBR",
            Title = Text,
            PolicyAreas = ["Open Contracting", Text],
            ImportId = Guid.NewGuid(),
            OccurredAt = new DateTimeOffset(2026, 12, 5, 14, 30, 1, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
            Current = new CommitmentSnapshot
            {
                Title = Text,
                ShortTitle = "short",
                FullText = string.Concat(Enumerable.Repeat(Text, 500)),
                Theme = "theme",
                LeadInstitution = "lead",
                SupportingInstitutions = "supporting",
                MemberName = "United Kingdom",
                Region = "Europe",
                ActionPlanNumber = 5,
                SubmissionYear = -2023,
                EndYear = int.MaxValue,
                PolicyAreas = ["Open Contracting"],
                PotentialImpact = "Transformative",
                PotentialForResults = "Modest",
                CompletionProgressReport = "Substantial",
                CompletionEndOfTerm = "Complete",
                EarlyResults = "Marginal",
                DidItOpenGovernment = "Major",
                Url = "https://www.opengovpartnership.org/members/united-kingdom/commitments/UK0098/",
            },
            Restored = true,
        };
        var empty = new CommitmentAdded { CommitmentId = "A1", ActionPlanId = "AP_1", MemberCode = "ABC", Title = string.Empty, OccurredAt = DateTimeOffset.UnixEpoch };
        var emptySnapshot = empty with { Current = new CommitmentSnapshot { Title = string.Empty }, PolicyAreas = [] };

        foreach (var added in new[] { full, empty, emptySnapshot, full, empty })
        {
            AssertWrittenAsSerialized(added);
        }
    }

    private static void AssertWrittenAsSerialized(CommitmentAdded added)
    {
        var expected = ServiceDbContext.ToOutboxMessage(added);
        var written = CommitmentAddedJson.ToOutboxMessage(added);
        Assert.Equal(expected.Body, written.Body);
        Assert.Equal(expected.MessageType, written.MessageType);
    }
}
