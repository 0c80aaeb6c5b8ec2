using CommitmentTracker.Contracts.Events;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Review;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>The review's outcomes, straight from <see cref="TagReview"/> on a migrated SQLite database (no HTTP, no bus).</summary>
public sealed class TagReviewTests : IAsyncLifetime
{
    private static readonly Reviewer Ogp = new("alice", Organisations.Ogp);
    private static readonly Reviewer Ocp = new("carol", Organisations.Ocp);
    private static readonly Reviewer Admin = new("root", Reviewer.Admin);
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ct-tagreview-");
    private DbContextOptions<SqliteTaggingDb> options = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        options = new DbContextOptionsBuilder<SqliteTaggingDb>().UseSqlite($"Data Source={Path.Combine(folder.FullName, "tagging.db")}").Options;
        await using var db = Db();
        await db.Database.MigrateAsync(Ct);
        db.Commitments.Add(new TrackedCommitment { Id = "UK0098", ActionPlanId = "AP_GBR01", MemberCode = "GBR", Title = "Open contracting", TextHash = "h" });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private SqliteTaggingDb Db() => new(options);

    private static TagReview Review(TaggingDb db) => new(db, TimeProvider.System);

    private async Task<Guid> SuggestAsync(string tag, string status = SuggestionStatus.Pending)
    {
        await using var db = Db();
        var suggestion = new TagSuggestion
        {
            Id = Guid.NewGuid(), CommitmentId = "UK0098", MemberCode = "GBR", TagId = tag, Confidence = 0.9, Evidence = "[]", Status = status,
            IsOpen = SuggestionStatus.IsOpen(status), TextHash = "h",
        };
        db.Suggestions.Add(suggestion);
        await db.SaveChangesAsync(Ct);
        return suggestion.Id;
    }

    private async Task<ReviewOutcome> AcceptAsync(Guid id, Reviewer reviewer, int? expectedVersion = null)
    {
        await using var db = Db();
        return await Review(db).AcceptAsync(id, reviewer, null, expectedVersion, Ct);
    }

    private async Task<ReviewOutcome> TagAsync(string tag, Reviewer reviewer)
    {
        await using var db = Db();
        var commitment = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == "UK0098", Ct);
        return await Review(db).TagAsync(commitment, await db.Tags.AsNoTracking().SingleAsync(t => t.Id == tag, Ct), reviewer, " ", Ct);
    }

    [Fact]
    public async Task A_tag_needing_both_organisations_awaits_the_other_then_is_confirmed()
    {
        var id = await SuggestAsync(TagVocabulary.OpenContracting);

        var first = Assert.IsType<ReviewOutcome.AwaitingOtherOrganisation>(await AcceptAsync(id, Ogp));
        Assert.Equal((TagStatus.Proposed, SuggestionStatus.Proposed, true), (first.Tag.Status, first.Suggestion!.Status, first.NewTag));
        Assert.Equal(new ReviewOutcome.AlreadyAccepted(Organisations.Ogp), await AcceptAsync(id, Ogp with { Actor = "bob" }));

        var second = Assert.IsType<ReviewOutcome.Confirmed>(await AcceptAsync(id, Ocp));
        Assert.Equal((TagStatus.Confirmed, SuggestionStatus.Accepted, false), (second.Tag.Status, second.Suggestion!.Status, second.NewTag));
        Assert.True(second.Succeeded);
        await using var db = Db();
        Assert.Equal([TagStatus.Proposed, TagStatus.Confirmed], (await db.EventsAsync<CommitmentTagged>()).Select(e => e.Status));
    }

    [Fact]
    public async Task A_one_liaison_tag_and_an_admin_confirm_alone()
    {
        Assert.IsType<ReviewOutcome.Confirmed>(await AcceptAsync(await SuggestAsync("public-procurement"), Ocp));
        var byAdmin = Assert.IsType<ReviewOutcome.Confirmed>(await AcceptAsync(await SuggestAsync(TagVocabulary.OpenContracting), Admin));
        Assert.Equal(Reviewer.Admin, byAdmin.Tag.ApprovedBy);
    }

    [Fact]
    public async Task Unknown_stale_decided_and_retired_suggestions_are_refused_and_nothing_is_saved()
    {
        var unknown = Guid.NewGuid();
        Assert.Equal(new ReviewOutcome.SuggestionNotFound(unknown), await AcceptAsync(unknown, Ogp));

        var pending = await SuggestAsync("e-procurement");
        Assert.Equal(new ReviewOutcome.VersionMismatch(7, 1, SuggestionStatus.Pending), await AcceptAsync(pending, Ogp, expectedVersion: 7));

        var rejected = await SuggestAsync("sector-health", SuggestionStatus.Rejected);
        var refused = await AcceptAsync(rejected, Ogp);
        Assert.Equal(new ReviewOutcome.AlreadyDecided(SuggestionStatus.Rejected), refused);
        Assert.False(refused.Succeeded);

        var retired = await SuggestAsync("sector-education");
        await using (var db = Db())
        {
            await db.Tags.Where(t => t.Id == "sector-education").ExecuteUpdateAsync(t => t.SetProperty(x => x.Retired, true), Ct);
        }

        Assert.Equal(new ReviewOutcome.TagRetired("sector-education"), await AcceptAsync(retired, Ogp));
        await using var check = Db();
        Assert.Empty(await check.CommitmentTags.ToListAsync(Ct));
        Assert.Equal(1, (await check.Suggestions.SingleAsync(s => s.Id == pending, Ct)).Version);
    }

    [Fact]
    public async Task Rejecting_a_proposed_suggestion_withdraws_its_tag()
    {
        var id = await SuggestAsync(TagVocabulary.OpenContracting);
        await AcceptAsync(id, Ogp);

        await using var db = Db();
        var rejected = Assert.IsType<ReviewOutcome.Rejected>(await Review(db).RejectAsync(id, Ocp, "not OC", null, Ct));

        Assert.Equal((SuggestionStatus.Rejected, true), (rejected.Suggestion.Status, rejected.WithdrewProposedTag));
        Assert.Empty(await db.CommitmentTags.ToListAsync(Ct));
        Assert.Equal("not OC", Assert.Single(await db.EventsAsync<CommitmentUntagged>()).Reason);
        Assert.Equal(new ReviewOutcome.AlreadyDecided(SuggestionStatus.Rejected), await Review(db).RejectAsync(id, Ocp, null, null, Ct));
    }

    [Fact]
    public async Task A_rejection_publishes_TagSuggestionRejected_with_who_and_why_in_the_same_save()
    {
        var pending = await SuggestAsync(TagVocabulary.OpenContracting);
        var other = await SuggestAsync("e-procurement");

        await using var db = Db();
        Assert.IsType<ReviewOutcome.Rejected>(await Review(db).RejectAsync(pending, Ocp, "  fiscal data, not contracting ", null, Ct));
        var each = await Review(db).RejectEachAsync([other], Ogp, null, Ct);

        Assert.IsType<ReviewOutcome.Rejected>(Assert.Single(each).Outcome);
        var events = await db.EventsAsync<TagSuggestionRejected>();
        Assert.Equal(
            [(pending, "UK0098", "GBR", TagVocabulary.OpenContracting, "OCP", "carol", "fiscal data, not contracting"), (other, "UK0098", "GBR", "e-procurement", "OGP", "alice", (string?)null)],
            events.Select(e => (e.SuggestionId, e.CommitmentId, e.MemberCode, e.Tag, e.Organisation!, e.Actor!, e.Reason)));
        Assert.All(events, e => Assert.True(e.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-1)));

        // A refused rejection (already decided) publishes nothing.
        Assert.IsType<ReviewOutcome.AlreadyDecided>(await Review(db).RejectAsync(pending, Ogp, "again", null, Ct));
        Assert.Equal(2, (await db.EventsAsync<TagSuggestionRejected>()).Count);
    }

    [Fact]
    public async Task Tagging_by_hand_awaits_is_confirmed_and_refuses_the_same_approval_twice()
    {
        var first = Assert.IsType<ReviewOutcome.AwaitingOtherOrganisation>(await TagAsync(TagVocabulary.OpenContracting, Ogp));
        Assert.True(first.NewTag);
        Assert.Null(first.Suggestion);
        Assert.Equal(new ReviewOutcome.AlreadyApproved(Organisations.Ogp, "UK0098", TagVocabulary.OpenContracting), await TagAsync(TagVocabulary.OpenContracting, Ogp));

        var second = Assert.IsType<ReviewOutcome.Confirmed>(await TagAsync(TagVocabulary.OpenContracting, Ocp));
        Assert.False(second.NewTag);
        Assert.Equal(new ReviewOutcome.AlreadyConfirmed("UK0098", TagVocabulary.OpenContracting), await TagAsync(TagVocabulary.OpenContracting, Ocp));
        await using var db = Db();
        Assert.All(await db.Audit.Where(e => e.Action == AuditAction.Tagged).ToListAsync(Ct), e => Assert.Null(e.Reason)); // a blank reason is none
    }

    [Fact]
    public async Task Tagging_by_hand_answers_the_open_suggestion()
    {
        var id = await SuggestAsync("public-procurement");

        var tagged = Assert.IsType<ReviewOutcome.Confirmed>(await TagAsync("public-procurement", Ocp));

        Assert.Equal((id, SuggestionStatus.Accepted), (tagged.Suggestion!.Id, tagged.Suggestion.Status));
    }

    [Fact]
    public async Task Untagging_removes_the_tag_and_an_absent_tag_is_not_tagged()
    {
        await TagAsync("public-procurement", Ogp);
        await using var db = Db();
        var commitment = await db.Commitments.AsNoTracking().SingleAsync(c => c.Id == "UK0098", Ct);

        var untagged = Assert.IsType<ReviewOutcome.Untagged>(await Review(db).UntagAsync(commitment, "public-procurement", Ogp, "wrong", Ct));

        Assert.Equal("public-procurement", untagged.Removed.TagId);
        Assert.Equal(new ReviewOutcome.NotTagged("UK0098", "public-procurement"), await Review(db).UntagAsync(commitment, "public-procurement", Ogp, null, Ct));
    }

    [Fact]
    public async Task Of_two_reviewers_acting_at_once_the_second_gets_a_concurrent_change()
    {
        var id = await SuggestAsync("public-procurement");
        await using var late = Db();
        _ = await late.Suggestions.SingleAsync(s => s.Id == id, Ct); // read before the other reviewer decides

        Assert.IsType<ReviewOutcome.Confirmed>(await AcceptAsync(id, Ogp));

        Assert.Equal(new ReviewOutcome.ConcurrentChange(), await Review(late).AcceptAsync(id, Ocp, null, null, Ct));
        Assert.Empty(late.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Each_suggestion_of_a_bulk_review_is_decided_on_its_own_once()
    {
        var accepted = await SuggestAsync("public-procurement");
        var decided = await SuggestAsync("sector-health", SuggestionStatus.Superseded);
        var unknown = Guid.NewGuid();
        await using var db = Db();

        var outcomes = await Review(db).AcceptEachAsync([accepted, decided, unknown, accepted], Ogp, null, Ct);

        Assert.Equal([accepted, decided, unknown], outcomes.Select(o => o.Id));
        Assert.IsType<ReviewOutcome.Confirmed>(outcomes[0].Outcome);
        Assert.Equal(new ReviewOutcome.AlreadyDecided(SuggestionStatus.Superseded), outcomes[1].Outcome);
        Assert.Equal(new ReviewOutcome.SuggestionNotFound(unknown), outcomes[2].Outcome);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Theory]
    [InlineData(null, true, null)]
    [InlineData(" ", true, null)]
    [InlineData("\"3\"", true, 3)]
    [InlineData("W/\"12\"", true, 12)]
    [InlineData("4", true, 4)]
    [InlineData("\"abc\"", false, null)]
    [InlineData("\"-1\"", false, null)]
    public void If_Match_names_a_version_or_nothing(string? ifMatch, bool valid, int? version)
    {
        Assert.Equal(valid, ExpectedVersion.TryParse(ifMatch, out var parsed));
        Assert.Equal(version, parsed);
    }

    [Theory]
    [InlineData(Roles.Liaison, "OGP", "OGP")]
    [InlineData(Roles.Admin, null, Reviewer.Admin)]
    [InlineData(Roles.Admin, "OCP", "OCP")]
    [InlineData(Roles.Liaison, null, null)]
    [InlineData(Roles.Reader, "OGP", null)]
    [InlineData(Roles.CountryLead, null, null)]
    public void A_reviewer_is_a_liaison_of_an_organisation_or_an_admin(string role, string? organisation, string? recordedAs)
    {
        var caller = new Caller("key-1", "Key one", new HashSet<string> { role }, organisation, new HashSet<string>());

        Assert.Equal(recordedAs is null ? null : new Reviewer("key-1", recordedAs), Reviewer.From(caller));
    }
}
