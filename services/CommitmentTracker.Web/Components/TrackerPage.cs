using System.Net;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using Microsoft.AspNetCore.Components;
using Refit;

namespace CommitmentTracker.Web.Components;

/// <summary>
/// A page that reads the API as the signed-in person. What the API does not have is this page's 404; a session the API
/// stopped accepting and other failures go to the request middleware (sign-in again, or the error page).
/// </summary>
public abstract class TrackerPage : ComponentBase
{
    /// <summary>The largest page the API serves.</summary>
    protected const int MaxPageSize = 200;

    [CascadingParameter] internal HttpContext? HttpContext { get; set; }

    [Inject] internal ICommitmentTrackerApi Api { get; set; } = null!;

    [Inject] internal NavigationManager Navigation { get; set; } = null!;

    /// <summary>True when the thing the page is about does not exist: the router shows the 404 page instead.</summary>
    protected bool NotFound { get; private set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The API's answer, or null (and this page a 404) when the API says there is no such thing.</summary>
    protected async Task<T?> FindAsync<T>(Func<CancellationToken, Task<T>> call)
        where T : class
    {
        try
        {
            return await call(Aborted);
        }
        catch (ApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Answers 404 with the not-found page, saying what is missing.</summary>
    protected void ShowNotFound(string message)
    {
        NotFound = true;
        if (HttpContext is not null)
        {
            Pages.NotFound.Explain(HttpContext, message);
        }

        Navigation.NotFound();
    }

    /// <summary>Every item of a paged list, 200 at a time: the first page says how many more there are, and those are fetched together.</summary>
    protected async Task<List<T>> AllAsync<T>(Func<int, CancellationToken, Task<PagedResponse<T>>> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var first = await page(1, Aborted);
        var items = new List<T>(first.Total);
        items.AddRange(first.Items);
        if (first.Items.Count == 0 || first.PageSize >= first.Total)
        {
            return items;
        }

        var pages = (int)Math.Ceiling(first.Total / (double)first.PageSize);
        var rest = await Task.WhenAll(Enumerable.Range(2, pages - 1).Select(number => page(number, Aborted)));
        items.AddRange(rest.SelectMany(result => result.Items));
        return items;
    }
}
