using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Features;
using CommitmentTracker.Tagging.Review;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>How the endpoints answer each review outcome: the status codes and problem texts the API has always given.</summary>
public sealed class ReviewAnswerTests
{
    private const string Changed = "The tags changed meanwhile.";
    private static readonly Guid Id = Guid.Parse("0193a6f3-1d40-7c8e-a2b5-6f0e9d3c7b11");

    private static readonly (ReviewOutcome Outcome, int Status, string Title, string Detail)[] Failures =
    [
        (new ReviewOutcome.SuggestionNotFound(Id), 404, "The suggestion does not exist.", $"There is no suggestion {Id}."),
        (new ReviewOutcome.NotTagged("UK0098", "e-procurement"), 404, "The commitment does not carry this tag.", "UK0098 is not tagged 'e-procurement'."),
        (new ReviewOutcome.VersionMismatch(2, 3, "proposed"), 412, "The suggestion changed since you read it.",
            "If-Match named version 2; the suggestion is at version 3 (proposed). Reload it and decide again."),
        (new ReviewOutcome.AlreadyDecided("accepted"), 409, Changed, "The suggestion was accepted already."),
        (new ReviewOutcome.AlreadyAccepted("OGP"), 409, Changed, "OGP accepted this suggestion already; it awaits the other organisation."),
        (new ReviewOutcome.AlreadyConfirmed("UK0098", "open-contracting"), 409, Changed, "'open-contracting' is already confirmed on UK0098."),
        (new ReviewOutcome.AlreadyApproved("OCP", "UK0098", "open-contracting"), 409, Changed, "OCP approved 'open-contracting' on UK0098 already; it awaits the other organisation."),
        (new ReviewOutcome.TagRetired("sector-health"), 409, Changed, "Tag 'sector-health' is retired; it can no longer be applied."),
        (new ReviewOutcome.ConcurrentChange(), 409, Changed, "Another liaison changed this commitment's tags at the same time. Reload and try again."),
    ];

    [Fact]
    public void Every_refusal_is_a_problem_with_its_status_title_and_detail()
    {
        Assert.All(Failures, failure =>
        {
            var problem = failure.Outcome.ToProblem();
            Assert.Equal((failure.Status, failure.Title, failure.Detail), (problem.StatusCode, problem.ProblemDetails.Title!, problem.ProblemDetails.Detail!));
            Assert.Equal(new BulkItem(failure.Status, null, failure.Detail), BulkItem.Of(failure.Outcome));
        });
    }

    [Fact]
    public void A_decision_is_200_in_a_bulk_review_with_the_suggestion_status()
    {
        var suggestion = new TagSuggestion
        {
            Id = Id, CommitmentId = "UK0098", MemberCode = "GBR", TagId = "open-contracting", Evidence = "[]", Status = SuggestionStatus.Proposed, TextHash = "h",
        };
        var tag = new CommitmentTag { CommitmentId = "UK0098", TagId = "open-contracting", Status = "proposed" };

        Assert.Equal(new BulkItem(200, "proposed", null), BulkItem.Of(new ReviewOutcome.AwaitingOtherOrganisation(tag, suggestion, NewTag: true)));
        Assert.Equal(new BulkItem(200, "proposed", null), BulkItem.Of(new ReviewOutcome.Rejected(suggestion, WithdrewProposedTag: false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReviewOutcome.Rejected(suggestion, false).ToProblem());
    }

    private sealed record BulkItem(int Status, string? SuggestionStatus, string? Detail)
    {
        public static BulkItem Of(ReviewOutcome outcome)
        {
            var item = outcome.ToBulkReviewItem(Id);
            Assert.Equal(Id, item.Id);
            return new BulkItem(item.Status, item.SuggestionStatus, item.Detail);
        }
    }
}
