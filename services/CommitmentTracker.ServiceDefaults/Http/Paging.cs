using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>Page and page size from a query string, with limits every list endpoint shares.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Returns the page, or the validation errors keyed by parameter name (for a 400 ProblemDetails).</summary>
    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        request = new PageRequest(p, size);
        return errors.Count == 0;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "The paging parameters are not valid.");
}
