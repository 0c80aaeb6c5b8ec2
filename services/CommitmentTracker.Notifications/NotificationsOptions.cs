using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using System.Text;
using CommitmentTracker.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Notifications;

/// <summary>Settings under <c>Notifications</c>.</summary>
internal sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The tracker's public address: links in emails (commitment, unsubscribe) start with it.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080/");

    /// <summary>
    /// Signs unsubscribe links (at least 32 bytes). Required when email is configured (<c>Smtp:Host</c>); without it
    /// every unsubscribe token is refused.
    /// </summary>
    public string? UnsubscribeSigningKey { get; set; }

    /// <summary>
    /// Encrypts webhook secrets at rest (at least 32 bytes; keep it outside the database, like the other keys). Without
    /// it secrets are stored as they are. Changing it makes the secrets encrypted under the old key unreadable: their
    /// webhooks fail (visibly, in the delivery log) until the owner recreates the subscription.
    /// </summary>
    public string? WebhookSecretKey { get; set; }

    /// <summary>Roles whose keys may create subscriptions. Readers are left out unless an admin adds them here.</summary>
    public IList<string> SubscriberRoles { get; } = [Roles.Admin, Roles.CountryLead, Roles.Liaison];

    /// <summary>
    /// Where ActionPlans answers, in distributed mode: asked whether a member Notifications has not heard of yet exists, so
    /// a person can follow a member as soon as the import that added it has completed. A name resolved by service discovery
    /// (<c>http://actionplans</c> with <c>Services:actionplans:http:0</c>, <c>:1</c>, … for its instances) or a plain
    /// address (<c>http://actionplans:8080</c>). Unset (and not needed) in the embedded host, where ActionPlans answers in
    /// process; unset in a standalone Notifications, only members its events have announced can be followed.
    /// </summary>
    public Uri? ActionPlansAddress { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

internal enum SmtpSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or network.</summary>
    None,
    /// <summary>Upgrade with STARTTLS and refuse a server that cannot.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The SMTP server emails go through. Email is off while <see cref="Host"/> is empty.</summary>
internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>Commitment Tracker &lt;alerts@example.org&gt;</c>.</summary>
    public string? From { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

internal sealed class WebhookOptions
{
    /// <summary>
    /// Hosts (exact names) and addresses or CIDR ranges webhooks may reach although they are loopback, private,
    /// link-local or otherwise internal. Empty by default: such targets are refused.
    /// </summary>
    public IList<string> AllowList { get; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After this many failed calls in a row the subscription's webhook is disabled until its owner re-enables it.</summary>
    [Range(1, 1000)]
    public int FailuresBeforeDisable { get; set; } = 10;
}

internal sealed class DeliveryOptions
{
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How many sends of a batch run at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>How often the worker looks for due deliveries and digests without being woken.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker holds the deliveries it claimed; longer than a send may take.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Waits before each retry, in order; a delivery that fails once more than there are delays is dead.</summary>
    public IList<TimeSpan> RetryDelays { get; } = [];

    /// <summary>The delays in force: <see cref="RetryDelays"/>, or 10 s, 1 min, 5 min, 30 min, 2 h, 6 h when none are configured.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0
        ? [.. RetryDelays]
        : [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];
}

/// <summary>Checks what data annotations cannot: SMTP settings hang together, the allow-list parses, keys are long enough.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var errors = new List<string>();
        // Data annotations of the nested sections: ValidateDataAnnotations checks only the top level.
        foreach (var (section, value) in new (string, object)[] { ("Smtp", options.Smtp), ("Webhooks", options.Webhooks), ("Delivery", options.Delivery) })
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(r => $"Notifications:{section}: {r.ErrorMessage}"));
            }
        }

        if (!options.PublicBaseUrl.IsAbsoluteUri || options.PublicBaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add("Notifications:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (options.ActionPlansAddress is { } actionPlans && (!actionPlans.IsAbsoluteUri || actionPlans.Scheme is not ("http" or "https")))
        {
            errors.Add("Notifications:ActionPlansAddress must be an absolute http(s) URL, e.g. http://actionplans:8080.");
        }

        if (options.UnsubscribeSigningKey is { } key && Encoding.UTF8.GetByteCount(key) < 32)
        {
            errors.Add("Notifications:UnsubscribeSigningKey must be at least 32 bytes.");
        }

        if (options.WebhookSecretKey is { } secretKey && Encoding.UTF8.GetByteCount(secretKey) < 32)
        {
            errors.Add("Notifications:WebhookSecretKey must be at least 32 bytes.");
        }

        var smtp = options.Smtp;
        if (smtp.Enabled)
        {
            if (string.IsNullOrWhiteSpace(smtp.From) || !MailAddress.TryCreate(smtp.From, out _))
            {
                errors.Add("Notifications:Smtp:From must be an email address when Notifications:Smtp:Host is set.");
            }

            if (string.IsNullOrEmpty(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
            {
                errors.Add("Notifications:Smtp:Username and Password go together.");
            }

            if (string.IsNullOrEmpty(options.UnsubscribeSigningKey))
            {
                errors.Add("Notifications:UnsubscribeSigningKey is required when Notifications:Smtp:Host is set: every email carries an unsubscribe link.");
            }
        }

        foreach (var entry in options.Webhooks.AllowList)
        {
            if (string.IsNullOrWhiteSpace(entry) || (entry.Contains('/', StringComparison.Ordinal) && !IPNetwork.TryParse(entry, out _)))
            {
                errors.Add($"Notifications:Webhooks:AllowList entry '{entry}' is neither a host, an address nor a CIDR range.");
            }
        }

        if (options.Delivery.RetryDelays.Any(d => d < TimeSpan.Zero || d > TimeSpan.FromDays(7)))
        {
            errors.Add("Notifications:Delivery:RetryDelays must be between 0 and 7 days.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
