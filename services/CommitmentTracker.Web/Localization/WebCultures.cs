using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CommitmentTracker.Web.Localization;

/// <summary>English, Spanish and French: from the language switch (a cookie), else the browser's Accept-Language, else English.</summary>
internal static class WebCultures
{
    public const string Default = "en";
    public static readonly IReadOnlyList<string> Supported = ["en", "es", "fr"];

    public static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToArray();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // en-GB, es-MX and fr-CA pick their language: dates and numbers follow the parent culture.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.Ordinal);

    /// <summary>The cookie the switch writes: a year, readable by the server only, sent on top-level navigation.</summary>
    public static void Remember(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps, IsEssential = true });
}
