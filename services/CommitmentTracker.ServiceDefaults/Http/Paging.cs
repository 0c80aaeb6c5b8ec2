using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.ServiceDefaults.Http;

/// <summary>Page and page size from a query string, with limits every list endpoint shares.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The last page anyone can ask for (documented): far beyond any list, and its offset fits a 32-bit skip.</summary>
    public const int MaxPage = 1_000_000;

    public int Skip => checked((Page - 1) * PageSize);

    /// <summary>Returns the page, or the validation errors keyed by parameter name (for a 400 ProblemDetails).</summary>
    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p is < 1 or > MaxPage)
        {
            errors["page"] = [$"page must be between 1 and {MaxPage}."];
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
