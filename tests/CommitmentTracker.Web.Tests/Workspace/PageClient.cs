using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>A page as the server answered it: status, headers, the parsed document.</summary>
public sealed record Page(HttpStatusCode Status, HttpResponseMessage Response, string Html, IHtmlDocument Document)
{
    /// <summary>Where a redirect goes, as a local path (the server may write it absolute, on its own address).</summary>
    public string? Location => Response.Headers.Location is { } location
        ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString
        : null;

    public string Main => Document.QuerySelector("main")?.TextContent ?? string.Empty;
}

/// <summary>
/// A browser without a browser: cookies kept, redirects not followed (so each hop can be checked), forms posted with
/// the antiforgery token the page carried.
/// </summary>
public sealed class PageClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient http;

    public PageClient(Uri address, string? acceptLanguage = "en")
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        if (acceptLanguage is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
    }

    public CookieContainer Cookies { get; }

    public Uri Address => http.BaseAddress!;

    public async Task<Page> GetAsync(string path)
    {
        var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        return await PageOf(response);
    }

    /// <summary>Follows redirects within the site, as a browser would.</summary>
    public async Task<Page> OpenAsync(string path)
    {
        var page = await GetAsync(path);
        for (var hops = 0; page.Location is { } next && hops < 5; hops++)
        {
            page = await GetAsync(next);
        }

        return page;
    }

    /// <summary>Posts <paramref name="fields"/> to the form found by <paramref name="formSelector"/> on <paramref name="page"/>, with its hidden fields (antiforgery token included).</summary>
    public async Task<Page> SubmitAsync(Page page, string formSelector, IDictionary<string, string> fields, string? submitterName = null, string? submitterValue = null)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        if (submitterName is not null)
        {
            values[submitterName] = submitterValue ?? string.Empty;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Response.RequestMessage!.RequestUri!.PathAndQuery : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        var response = await http.PostAsync(action, content, TestContext.Current.CancellationToken);
        return await PageOf(response);
    }

    /// <summary>
    /// Posts the form found by <paramref name="formSelector"/> with its hidden fields, the hidden fields elsewhere on the
    /// page that belong to it (<c>form="id"</c>), and <paramref name="fields"/>, a name possibly repeated (checkboxes).
    /// </summary>
    public async Task<Page> SubmitManyAsync(Page page, string formSelector, IEnumerable<(string Name, string Value)> fields)
    {
        var form = page.Document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var hidden = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToList();
        if (form.Id is { Length: > 0 } id)
        {
            hidden.AddRange(page.Document.QuerySelectorAll<IHtmlInputElement>($"input[type=hidden][form='{id}']"));
        }

        var values = hidden.Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(values);
        var response = await http.PostAsync(form.GetAttribute("action")!, content, TestContext.Current.CancellationToken);
        return await PageOf(response);
    }

    /// <summary>Posts fields as they are, without a page's form (and so without its antiforgery token).</summary>
    public async Task<Page> PostAsync(string path, IDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await http.PostAsync(path, content, TestContext.Current.CancellationToken);
        return await PageOf(response);
    }

    /// <summary>Signs in through the form; returns the answer to the post (a redirect on success).</summary>
    public async Task<Page> SignInAsync(string apiKey, string returnUrl = "/countries")
    {
        var signIn = await GetAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        return await SubmitAsync(signIn, "form:has(input[name=apiKey])", new Dictionary<string, string> { ["apiKey"] = apiKey });
    }

    public void Dispose() => http.Dispose();

    private static async Task<Page> PageOf(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Page(response.StatusCode, response, html, await Parser.ParseDocumentAsync(html, TestContext.Current.CancellationToken));
    }
}
