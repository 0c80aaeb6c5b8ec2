using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;

namespace CommitmentTracker.Web.Review;

/// <summary>
/// The review queue's filters the API does not have (region, minimum confidence, waiting for my organisation), applied
/// to the open suggestions the API returns for the member and tag filters, which it does have.
/// </summary>
internal sealed record ReviewFilter(string? Region, int? MinConfidencePercent, string? WaitingFor)
{
    public IEnumerable<TagSuggestionResponse> Apply(IEnumerable<TagSuggestionResponse> suggestions, IReadOnlyDictionary<string, string?> regionOf)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(regionOf);
        var query = suggestions;
        if (Region is { Length: > 0 } region)
        {
            query = query.Where(s => regionOf.TryGetValue(s.MemberCode, out var r) && string.Equals(r, region, StringComparison.OrdinalIgnoreCase));
        }

        if (MinConfidencePercent is { } percent)
        {
            // Compared in whole percent, as the page shows confidence: "at least 80 %" keeps a 0.8 suggestion.
            query = query.Where(s => Math.Round(s.Confidence * 100, MidpointRounding.AwayFromZero) >= percent);
        }

        if (WaitingFor is { Length: > 0 } organisation)
        {
            query = query.Where(s => ReviewQueue.AwaitsApprovalFrom(s, organisation));
        }

        // The API's order (highest confidence first) is kept.
        return query;
    }
}

/// <summary>What the queue says about a suggestion and the person deciding it.</summary>
internal static class ReviewQueue
{
    /// <summary>The name Tagging records an admin's approval under (an admin belongs to neither organisation).</summary>
    public const string AdminApprover = "admin";

    /// <summary>How the signed-in person's approval is recorded: their organisation, or <c>admin</c>.</summary>
    public static string ApproverOf(Session.Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Organisation ?? AdminApprover;
    }

    /// <summary>An open suggestion <paramref name="organisation"/> has not approved yet: accepting it is theirs to do.</summary>
    public static bool AwaitsApprovalFrom(TagSuggestionResponse suggestion, string organisation)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return suggestion.Status is "pending" or "proposed" && !suggestion.ApprovedBy.Contains(organisation, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The organisations a proposed tag still waits for (those of OGP and OCP that have not approved it).</summary>
    public static IReadOnlyList<string> WaitingFor(TagSuggestionResponse suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return [.. Organisations.All.Where(o => !suggestion.ApprovedBy.Contains(o, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>The If-Match value for a suggestion's version, as Tagging reads it.</summary>
    public static string IfMatch(int version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
}
