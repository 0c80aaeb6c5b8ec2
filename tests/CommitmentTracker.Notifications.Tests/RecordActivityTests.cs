using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Notifications.Data;
using CommitmentTracker.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Notifications.Tests;

public sealed class RecordActivityTests : IDisposable
{
    private static readonly DateTimeOffset OccurredAt = new(2024, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private readonly ServiceFactory<Program> factory = new();

    /// <summary>Every event kind, with the member it is filed under and the summary it must read as.</summary>
    public static TheoryData<string, string?, string> Kinds => new()
    {
        { "action-plan-imported", "GBR", "New action plan AP_GBR05 of United Kingdom (GBR), 2021–2023." },
        { "commitment-added", "GBR", "Commitment UK0098 added to AP_GBR05: Open up public procurement data" },
        { "commitment-changed", "GBR", "Commitment UK0098 of AP_GBR05 changed: Title, Completion." },
        { "commitment-removed", "GBR", "Commitment UK0098 is no longer in AP_GBR05." },
        { "import-completed", null, "Import of commitments.csv succeeded: 20 rows, 12 added, 3 changed, 1 removed, 2 rejected." },
        { "tag-suggested", "GBR", "Tag oc-disclosure suggested for UK0098 (confidence 0.80)." },
        { "commitment-tagged", "GBR", "Tag oc-disclosure confirmed on UK0098 by OCP." },
        { "commitment-untagged", "GBR", "Tag oc-disclosure removed from UK0098." },
        { "engagement-assessed", "GBR", "Dip: Engagement of GBR is b (was a)." },
        { "tag-suggestion-rejected", "GBR", "Suggested tag open-contracting rejected on UK0098 by OCP: Not about contracting." },
        { "commitments-linked", "GBR", "Commitment UK0120 of AP_GBR06 continues UK0098 of AP_GBR05 (carried-forward)." },
        { "commitments-unlinked", "GBR", "Commitment UK0120 no longer continues UK0098 by OGP: Another reform." },
    };

    private static ActionPlanImported PlanImported(string actionPlanId = "AP_GBR05", string memberCode = "GBR", string memberName = "United Kingdom", int? submissionYear = 2021, int? endYear = 2023) => new()
    {
        ActionPlanId = actionPlanId, MemberCode = memberCode, MemberName = memberName, Number = 5, SubmissionYear = submissionYear, EndYear = endYear, OccurredAt = OccurredAt,
    };

    private static CommitmentAdded Added(string commitmentId, string memberCode) => new()
    {
        CommitmentId = commitmentId, ActionPlanId = $"AP_{memberCode}05", MemberCode = memberCode, Title = "Open up public procurement data", PolicyAreas = ["Open Contracting"], OccurredAt = OccurredAt,
    };

    /// <summary>Publishes a sample event of <paramref name="kind"/> (typed, so MassTransit routes it as that event).</summary>
    private Task PublishSampleAsync(string kind, Guid messageId, Action<PublishContext>? configure = null) => kind switch
    {
        "action-plan-imported" => PublishAsync(PlanImported(), messageId, configure),
        "commitment-added" => PublishAsync(Added("UK0098", "GBR"), messageId, configure),
        "commitment-changed" => PublishAsync(new CommitmentChanged
        {
            CommitmentId = "UK0098", ActionPlanId = "AP_GBR05", MemberCode = "GBR", Title = "Open up public procurement data", Version = 2, OccurredAt = OccurredAt,
            Changes = [new FieldChange("Title", "Open procurement", "Open up public procurement data"), new FieldChange("Completion", "Limited", "Substantial")],
        }, messageId, configure),
        "commitment-removed" => PublishAsync(new CommitmentRemoved { CommitmentId = "UK0098", ActionPlanId = "AP_GBR05", MemberCode = "GBR", OccurredAt = OccurredAt }, messageId, configure),
        "import-completed" => PublishAsync(new ImportCompleted
        {
            ImportId = Guid.NewGuid(), Source = "commitments.csv", Status = "succeeded", RowsRead = 20, Added = 12, Changed = 3, Unchanged = 2, Removed = 1, Rejected = 2,
            ActionPlanIds = ["AP_GBR05"], OccurredAt = OccurredAt,
        }, messageId, configure),
        "tag-suggested" => PublishAsync(new TagSuggested
        {
            SuggestionId = Guid.NewGuid(), CommitmentId = "UK0098", MemberCode = "GBR", Tag = "oc-disclosure", Confidence = 0.8,
            Evidence = [new SuggestionEvidence("ocds", "Title", "procurement data")], OccurredAt = OccurredAt,
        }, messageId, configure),
        "commitment-tagged" => PublishAsync(new CommitmentTagged
        {
            CommitmentId = "UK0098", MemberCode = "GBR", Tag = "oc-disclosure", Status = TagStatus.Confirmed, Organisation = "OCP", Actor = "liaison@ocp", OccurredAt = OccurredAt,
        }, messageId, configure),
        "commitment-untagged" => PublishAsync(new CommitmentUntagged { CommitmentId = "UK0098", MemberCode = "GBR", Tag = "oc-disclosure", OccurredAt = OccurredAt }, messageId, configure),
        "engagement-assessed" => PublishAsync(new EngagementAssessed
        {
            MemberCode = "GBR", PreviousCategory = EngagementCategory.ReadyForMore, Category = EngagementCategory.FacedProblems, Score = 0.4,
            Explanation = "Completion fell.", IsDip = true, DipReasons = ["completion falling"], OccurredAt = OccurredAt,
        }, messageId, configure),
        "tag-suggestion-rejected" => PublishAsync(new TagSuggestionRejected
        {
            SuggestionId = Guid.NewGuid(), CommitmentId = "UK0098", MemberCode = "GBR", Tag = "open-contracting", Organisation = "OCP", Actor = "liaison@ocp",
            Reason = "Not about contracting.", OccurredAt = OccurredAt,
        }, messageId, configure),
        "commitments-linked" => PublishAsync(new CommitmentsLinked
        {
            LinkId = Guid.NewGuid(), CommitmentId = "UK0120", ActionPlanId = "AP_GBR06", PredecessorId = "UK0098", PredecessorActionPlanId = "AP_GBR05", MemberCode = "GBR",
            Origin = LinkOrigin.CarriedForward, Similarity = 0.7, OccurredAt = OccurredAt,
        }, messageId, configure),
        "commitments-unlinked" => PublishAsync(new CommitmentsUnlinked
        {
            LinkId = Guid.NewGuid(), CommitmentId = "UK0120", PredecessorId = "UK0098", MemberCode = "GBR", Organisation = "OGP", Actor = "liaison@ogp", Reason = "Another reform.", OccurredAt = OccurredAt,
        }, messageId, configure),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No sample for this kind."),
    };

    private Task PublishAsync<T>(T message, Guid messageId, Action<PublishContext>? configure)
        where T : class =>
        factory.Services.GetRequiredService<IBus>().Publish(message, ctx =>
        {
            ctx.MessageId = messageId;
            configure?.Invoke(ctx);
        }, TestContext.Current.CancellationToken);

    /// <summary>Publishes and waits until the consumer has finished with the message <paramref name="times"/> times.</summary>
    private async Task<Guid> RecordAsync(Func<Guid, Task> publish, Guid? messageId = null, int times = 1)
    {
        using var watcher = new ConsumeWatcher(factory.Services.GetRequiredService<IBus>());
        var id = messageId ?? Guid.NewGuid();
        for (var i = 0; i < times; i++)
        {
            await publish(id);
        }

        await watcher.WaitForAsync(id, times);
        Assert.Empty(watcher.Faults);
        return id;
    }

    private async Task<PagedResponse<ActivityEntryResponse>> GetActivityAsync(string query = "")
    {
        using var admin = factory.CreateAdminClient();
        return await admin.GetAsync($"/api/activity{query}", TestContext.Current.CancellationToken).OkAsync<PagedResponse<ActivityEntryResponse>>();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_event_kind_is_recorded_with_its_kind_member_and_summary(string kind, string? memberCode, string summary)
    {
        var before = DateTimeOffset.UtcNow;

        var id = await RecordAsync(messageId => PublishSampleAsync(kind, messageId));

        var page = await GetActivityAsync();
        var entry = Assert.Single(page.Items);
        Assert.Equal(new { MessageId = id, Kind = kind, MemberCode = memberCode, Summary = summary, OccurredAt }, new { entry.MessageId, entry.Kind, entry.MemberCode, entry.Summary, entry.OccurredAt });
        Assert.InRange(entry.ReceivedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void The_theory_covers_every_event_of_the_contracts()
    {
        var events = typeof(ActionPlanImported).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(ActionPlanImported).Namespace && t.IsSealed && t.GetProperty("OccurredAt") is not null)
            .Select(t => string.Concat(t.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString())))
            .Order(StringComparer.Ordinal);

        Assert.Equal(events, Kinds.Select(row => row.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2021, 2023, "New action plan AP_GBR05 of United Kingdom (GBR), 2021–2023.")]
    [InlineData(2021, null, "New action plan AP_GBR05 of United Kingdom (GBR), 2021–?.")]
    [InlineData(null, null, "New action plan AP_GBR05 of United Kingdom (GBR).")]
    public async Task A_plan_summary_shows_the_period_it_knows(int? submissionYear, int? endYear, string summary)
    {
        await RecordAsync(id => PublishAsync(PlanImported(submissionYear: submissionYear, endYear: endYear), id, null));

        Assert.Equal(summary, Assert.Single((await GetActivityAsync()).Items).Summary);
    }

    [Fact]
    public async Task A_redelivered_message_is_recorded_once()
    {
        var id = await RecordAsync(messageId => PublishSampleAsync("commitment-changed", messageId), times: 2);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        Assert.Equal(1, await db.Activity.CountAsync(e => e.MessageId == id, TestContext.Current.CancellationToken));
        var page = await GetActivityAsync();
        Assert.Equal(1, page.Total);
        Assert.Equal(id, Assert.Single(page.Items).MessageId);
    }

    [Fact]
    public async Task The_correlation_id_of_the_message_is_stored_and_returned()
    {
        var id = await RecordAsync(messageId => PublishSampleAsync("action-plan-imported", messageId, ctx => ctx.Headers.Set("X-Correlation-Id", "abc")));

        var entry = Assert.Single((await GetActivityAsync()).Items);
        Assert.Equal((id, "abc"), (entry.MessageId, entry.CorrelationId));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        Assert.Equal("abc", (await db.Activity.SingleAsync(TestContext.Current.CancellationToken)).CorrelationId);
    }

    [Fact]
    public async Task Without_a_correlation_header_a_fresh_id_is_stored()
    {
        await RecordAsync(messageId => PublishSampleAsync("action-plan-imported", messageId));
        await RecordAsync(messageId => PublishSampleAsync("commitment-added", messageId));

        var entries = (await GetActivityAsync()).Items;
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.CorrelationId)));
        Assert.NotEqual(entries[0].CorrelationId, entries[1].CorrelationId);
    }

    [Fact]
    public async Task Activity_is_listed_newest_first_and_filtered_by_member_and_kind()
    {
        var gbrPlan = await RecordAsync(id => PublishAsync(PlanImported(), id, null));
        var fraPlan = await RecordAsync(id => PublishAsync(PlanImported("AP_FRA02", "FRA", "France"), id, null));
        var gbrCommitment = await RecordAsync(id => PublishAsync(Added("UK0098", "GBR"), id, null));
        var fraCommitment = await RecordAsync(id => PublishAsync(Added("FR0001", "FRA"), id, null));
        var import = await RecordAsync(id => PublishSampleAsync("import-completed", id));

        var all = await GetActivityAsync();
        var gbr = await GetActivityAsync("?member=gbr");
        var added = await GetActivityAsync("?kind=Commitment-Added");
        var fraAdded = await GetActivityAsync("?member=FRA&kind=commitment-added");
        var none = await GetActivityAsync("?member=DEU");

        Assert.Equal(5, all.Total);
        Assert.Equal([import, fraCommitment, gbrCommitment, fraPlan, gbrPlan], all.Items.Select(e => e.MessageId));
        Assert.True(all.Items.Select(e => e.Id).SequenceEqual(all.Items.Select(e => e.Id).OrderDescending()), "ids are newest first");
        Assert.Equal(2, gbr.Total);
        Assert.Equal([gbrCommitment, gbrPlan], gbr.Items.Select(e => e.MessageId));
        Assert.Equal(2, added.Total);
        Assert.Equal([fraCommitment, gbrCommitment], added.Items.Select(e => e.MessageId));
        Assert.Equal(1, fraAdded.Total);
        Assert.Equal([fraCommitment], fraAdded.Items.Select(e => e.MessageId));
        Assert.Equal((0, 0), (none.Total, none.Items.Count));
    }

    [Fact]
    public async Task Activity_is_paged()
    {
        var first = await RecordAsync(id => PublishAsync(PlanImported(), id, null));
        var second = await RecordAsync(id => PublishAsync(Added("UK0098", "GBR"), id, null));
        var third = await RecordAsync(id => PublishAsync(Added("UK0099", "GBR"), id, null));

        var page1 = await GetActivityAsync("?pageSize=2");
        var page2 = await GetActivityAsync("?page=2&pageSize=2");

        Assert.Equal((1, 2, 3), (page1.Page, page1.PageSize, page1.Total));
        Assert.Equal([third, second], page1.Items.Select(e => e.MessageId));
        Assert.Equal((2, 2, 3), (page2.Page, page2.PageSize, page2.Total));
        Assert.Equal([first], page2.Items.Select(e => e.MessageId));
    }

    [Theory]
    [InlineData("?pageSize=201", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?member=GBR&page=-1", "page")]
    public async Task Out_of_range_paging_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var response = await factory.CreateAdminClient().GetAsync($"/api/activity{query}", TestContext.Current.CancellationToken);

        Assert.Equal([parameter], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    public async Task Without_a_valid_key_activity_is_401(string? key)
    {
        await RecordAsync(id => PublishAsync(PlanImported(), id, null));
        var client = key is null ? factory.CreateClient() : factory.CreateClientWithKey(key);

        var response = await client.GetAsync("/api/activity", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("AP_GBR05", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();
}
