using System.Security.Cryptography;
using System.Text.Json;
using CommitmentTracker.Web.Session;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace CommitmentTracker.Web.Forms;

/// <summary>
/// What a form post leaves for the page it redirects to (Post/Redirect/Get): notices, and the form as posted with the
/// API's messages per field. It travels in a short-lived cookie encrypted with the workspace's Data Protection keys (so
/// every instance reads it) and bound to the person, and is read once: a reload shows the page as it is.
/// </summary>
internal sealed class Flash(IDataProtectionProvider protection)
{
    public const string CookieName = "ct.flash";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ChunkingCookieManager Cookies = new();
    private FlashContent? current;

    /// <summary>Leaves <paramref name="content"/> for the next page this browser asks for.</summary>
    public void Leave(HttpContext context, FlashContent content)
    {
        ArgumentNullException.ThrowIfNull(context);
        var protector = Protector(context);
        var value = protector.Protect(JsonSerializer.Serialize(content, Json), Lifetime);
        Cookies.AppendResponseCookie(context, CookieName, value, Options(context));
    }

    /// <summary>What the previous post left, read once per request; the cookie goes with the first read.</summary>
    public FlashContent Read(HttpContext? context)
    {
        if (current is not null || context is null)
        {
            return current ??= FlashContent.Empty;
        }

        current = FlashContent.Empty;
        if (Cookies.GetRequestCookie(context, CookieName) is not { Length: > 0 } value)
        {
            return current;
        }

        if (!context.Response.HasStarted)
        {
            Cookies.DeleteCookie(context, CookieName, Options(context));
        }

        try
        {
            current = JsonSerializer.Deserialize<FlashContent>(Protector(context).Unprotect(value), Json) ?? FlashContent.Empty;
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or JsonException)
        {
            // Expired, from another session, or altered: there is nothing to show.
        }

        return current;
    }

    // Bound to the person: a notice (or a secret shown once) never opens in someone else's session.
    private ITimeLimitedDataProtector Protector(HttpContext context) =>
        protection.CreateProtector("CommitmentTracker.Web.Flash", Person.Of(context.User).Id is { Length: > 0 } id ? id : "visitor").ToTimeLimitedDataProtector();

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        IsEssential = true,
        Path = "/",
    };
}

/// <summary>The notices and the posted form a redirect carries.</summary>
internal sealed record FlashContent(IReadOnlyList<Notice> Notices, PostedForm? Form)
{
    public static readonly FlashContent Empty = new([], null);

    /// <summary>The posted form when it is <paramref name="formId"/>'s, else none.</summary>
    public PostedForm? FormOf(string formId) => Form is { } form && string.Equals(form.Id, formId, StringComparison.Ordinal) ? form : null;
}

internal enum NoticeKind
{
    Success,
    Info,
    Error,
}

/// <summary>One line under a notice: an outcome per item, or the API's own words (<see cref="Lang"/> <c>en</c>).</summary>
internal sealed record NoticeLine(string Text, string? Lang = null, string? Href = null);

/// <summary>
/// A message at the top of the next page, with a line per item (a bulk review) or the API's own words. <see cref="Secret"/>:
/// a value the API shows once (a webhook's signing secret), carried in the encrypted cookie to this one page.
/// </summary>
internal sealed record Notice(NoticeKind Kind, string Text)
{
    public IReadOnlyList<NoticeLine> Lines { get; init; } = [];

    public string? Secret { get; init; }

    /// <summary>What the secret is (a new API key); a webhook's signing secret when none is given.</summary>
    public string? SecretLabel { get; init; }
}
