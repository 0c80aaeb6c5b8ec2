using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommitmentTracker.Edge.Keys;

/// <summary>The key endpoints' errors, in our words.</summary>
internal static class ApiKeyProblems
{
    public static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found.", detail: $"There is no API key '{id}'.");
}
