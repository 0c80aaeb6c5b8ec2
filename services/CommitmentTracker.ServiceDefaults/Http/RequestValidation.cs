using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>
/// Request validation by .NET's minimal-API validation (<c>AddValidation</c> in each service, attributes on the request
/// records) answers in our shape: field names as the JSON names them (camelCase) and a title in our words.
/// </summary>
public static class RequestValidation
{
    /// <summary>The framework's title, replaced by the endpoint's own (<see cref="WithValidationTitle{TBuilder}"/>).</summary>
    private const string FrameworkTitle = "One or more validation errors occurred.";

    public const string DefaultTitle = "The request is not valid.";

    /// <summary>The title of this endpoint's validation problems, e.g. "The tag is not valid.".</summary>
    public static TBuilder WithValidationTitle<TBuilder>(this TBuilder builder, string title) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ValidationTitle(title));
    }

    /// <summary>Applied to every problem: the framework's validation problems get the endpoint's title and camelCase field names (each step of a nested one).</summary>
    internal static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails { Title: FrameworkTitle } problem)
        {
            return;
        }

        problem.Title = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ValidationTitle>()?.Title ?? DefaultTitle;
        var errors = problem.Errors.ToList();
        problem.Errors.Clear();
        foreach (var (field, messages) in errors)
        {
            problem.Errors[CamelCasePath(field)] = messages;
        }
    }

    /// <summary>Each step of a nested field's path as JSON names it: <c>PoliticalLeadership.Score</c> → <c>politicalLeadership.score</c>.</summary>
    private static string CamelCasePath(string field) => string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private sealed record ValidationTitle(string Title);
}
