using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Contracts.Api;

namespace CommitmentTracker.Benchmarks;

/// <summary>
/// The web workspace's server render time: the embedded host (its own process, Production, from the build output) with
/// a 20,000-commitment synthetic sheet imported; a signed-in admin's GET of <c>/countries</c>, <c>/countries/{code}</c>
/// (the member with the most commitments) and <c>/commitments/{id}</c>, measured from request to the last byte of the
/// HTML, warm, one request at a time. And each page's weight: its HTML and the CSS and scripts it loads, as written
/// and as sent to a browser that accepts gzip.
/// </summary>
internal static partial class WebBenchmark
{
    private const int Rows = 20_000;
    private const int Warmup = 20;
    private const int Requests = 200;

    public static async Task RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("ct-bench-web-");
        try
        {
            var sheet = await SyntheticSheet.WriteAsync(Path.Combine(work.FullName, "commitments.csv"), Rows);
            var member = sheet.MemberRows.MaxBy(m => m.Value).Key;
            Console.WriteLine(Invariant($"Synthetic sheet: {sheet.Rows} commitments, {sheet.MemberRows.Count} members, {sheet.PlanRows.Count} plans; the country page is {member} ({sheet.MemberRows[member]} commitments)."));

            await using var host = EmbeddedHostProcess.Start(Path.Combine(work.FullName, "data"));
            using var api = Http.Client(host.Address, EmbeddedHostProcess.AdminKey);
            await Http.WaitForOkAsync(api, "/health", Stopwatch.StartNew(), TimeSpan.FromMinutes(2));
            var imported = await Http.ImportAsync(api, sheet.Path, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(250));
            Console.WriteLine(Invariant($"Imported in {imported.TotalSeconds:0.0} s."));
            var commitment = (await api.GetFromJsonAsync<PagedResponse<CommitmentSummaryResponse>>($"/api/commitments?member={member}&pageSize=1"))!.Items[0].Id;
            await WaitForEngagementAsync(api, member);
            var settling = Stopwatch.StartNew();
            await host.WaitUntilQuietAsync(TimeSpan.FromMinutes(15));
            Console.WriteLine(Invariant($"The host was idle (consumers caught up) {settling.Elapsed.TotalSeconds:0} s later; measuring from then on."));

            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None };
            using var browser = new HttpClient(handler) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
            await SignInAsync(browser);

            Console.WriteLine();
            Console.WriteLine(Percentiles.Header);
            string[] pages = ["/countries", $"/countries/{member}", $"/commitments/{commitment}"];
            foreach (var page in pages)
            {
                Console.WriteLine(Percentiles.Row($"GET {page}", await TimeAsync(browser, page)));
            }

            Console.WriteLine();
            Console.WriteLine("| page | HTML KB | CSS KB | JS KB | total KB as written | total KB sent (gzip for CSS/JS; HTML as sent) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var page in pages)
            {
                Console.WriteLine(await WeighAsync(browser, page));
            }
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held by the stopping host; the temp cleaner takes it later
            }
        }
    }

    /// <summary>The country page reads Engagement's assessment: let the consumers catch up with the import's events first.</summary>
    private static async Task WaitForEngagementAsync(HttpClient api, string member)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            using var response = await api.GetAsync($"/api/members/{member}/engagement");
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine(Invariant($"Engagement assessed {member} {clock.Elapsed.TotalSeconds:0.0} s after the import."));
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Engagement did not assess {member} within 10 minutes.");
    }

    private static async Task SignInAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/signin");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["apiKey"] = EmbeddedHostProcess.AdminKey,
        });
        using var signedIn = await browser.PostAsync("/signin", form);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)signedIn.StatusCode}.");
        }
    }

    private static async Task<List<double>> TimeAsync(HttpClient browser, string page)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await GetAsync(browser, page);
        }

        var timings = new List<double>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(browser, page);
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        return timings;
    }

    private static async Task<string> GetAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? html : throw new InvalidOperationException($"{page} answered {(int)response.StatusCode}.");
    }

    private static async Task<string> WeighAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        var htmlBytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        var html = System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        long cssRaw = 0, cssSent = 0, jsRaw = 0, jsSent = 0;
        foreach (Match asset in Asset().Matches(html))
        {
            var url = asset.Groups["url"].Value;
            var (raw, sent) = await AssetSizeAsync(browser, url);
            if (url.EndsWith(".css", StringComparison.Ordinal))
            {
                (cssRaw, cssSent) = (cssRaw + raw, cssSent + sent);
            }
            else if (url.EndsWith(".js", StringComparison.Ordinal))
            {
                (jsRaw, jsSent) = (jsRaw + raw, jsSent + sent);
            }
        }

        return Invariant($"| {page} | {htmlBytes / 1024.0:0.0} | {cssRaw / 1024.0:0.0} | {jsRaw / 1024.0:0.0} | {(htmlBytes + cssRaw + jsRaw) / 1024.0:0.0} | {(htmlBytes + cssSent + jsSent) / 1024.0:0.0} |");
    }

    private static async Task<(long Raw, long Sent)> AssetSizeAsync(HttpClient browser, string url)
    {
        using var plain = await browser.GetAsync(url);
        var raw = (await plain.Content.ReadAsByteArrayAsync()).LongLength;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var compressed = await browser.SendAsync(request);
        var sent = (await compressed.Content.ReadAsByteArrayAsync()).LongLength;
        return (raw, sent);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("(?:href|src)=\"(?<url>/?_content/[^\"]+\\.(?:css|js))\"")]
    private static partial Regex Asset();
}
