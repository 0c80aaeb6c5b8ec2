using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Http;

namespace CommitmentTracker.Notifications.Tests;

/// <summary>The subscription endpoints: validation, who may subscribe to what, and who sees which subscription.</summary>
public sealed class SubscriptionsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly NotificationsFactory factory = new(smtpPort: 2525);

    public async ValueTask InitializeAsync() => await factory.KnowAsync(["BGR", "ROU", "GBR"], ["open-contracting"]);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static object Feed(string[]? members = null, string[]? tags = null, string[]? kinds = null) =>
        new { name = "feed", members, tags, eventKinds = kinds, channels = new[] { "feed" } };

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"channels":[]}""", "channels" },
        { """{"channels":["sms"]}""", "channels" },
        { """{"channels":["email"],"email":"not-an-address"}""", "email" },
        { """{"channels":["email"],"email":"Lead <lead@example.org>"}""", "email" },
        { """{"channels":["email"]}""", "email" },
        { """{"channels":["feed"],"email":"lead@example.org"}""", "email" },
        { """{"channels":["webhook"]}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"not a url"}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"ftp://hooks.example.org/x"}""", "webhookUrl" },
        { """{"channels":["feed"],"members":["XXX"]}""", "members" },
        { """{"channels":["feed"],"tags":["no-such-tag"]}""", "tags" },
        { """{"channels":["feed"],"eventKinds":["commitment-exploded"]}""", "eventKinds" },
        { """{"channels":["feed"],"frequency":"hourly"}""", "frequency" },
        { """{"channels":["feed"],"frequency":""}""", "frequency" },
        { $$"""{"channels":["feed"],"name":"{{new string('n', 201)}}"}""", "name" },
        { """{"channels":["feed"],"frequency":"daily","digestHour":8,"timeZone":"Mars/Olympus_Mons"}""", "timeZone" },
        { """{"channels":["feed"],"frequency":"daily","digestHour":8}""", "timeZone" },
        { """{"channels":["feed"],"frequency":"daily","digestHour":24,"timeZone":"Europe/Sofia"}""", "digestHour" },
        { """{"channels":["feed"],"frequency":"weekly","digestHour":8,"timeZone":"Europe/Sofia","digestDay":"someday"}""", "digestDay" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_subscription_is_a_400_naming_the_field(string json, string field)
    {
        using var admin = factory.CreateAdminClient();

        using var response = await admin.PostAsync("/api/subscriptions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Contains(field, await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task A_field_rule_of_the_request_answers_with_the_subscriptions_title_and_message()
    {
        using var admin = factory.CreateAdminClient();

        var create = await admin.PostAsJsonAsync("/api/subscriptions", new { name = new string('n', 201), channels = new[] { "feed" } }, Ct).ProblemAsync(HttpStatusCode.BadRequest);
        var patch = await admin.PatchAsJsonAsync($"/api/subscriptions/{(await factory.SubscribeAsync(admin, Feed())).Subscription.Id}", new { frequency = "hourly" }, Ct)
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("The subscription is not valid.", create.Title);
        Assert.Equal(["name is at most 200 characters."], ((System.Text.Json.JsonElement)create.Extensions["errors"]!).GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("The subscription is not valid.", patch.Title);
        Assert.Equal(["frequency is immediate, daily or weekly."], ((System.Text.Json.JsonElement)patch.Extensions["errors"]!).GetProperty("frequency").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_frequency_is_read_in_any_case_with_spaces_around()
    {
        using var admin = factory.CreateAdminClient();

        var created = await factory.SubscribeAsync(admin, new { channels = new[] { "feed" }, frequency = " Daily ", digestHour = 8, timeZone = "Europe/Sofia" });

        Assert.Equal("daily", created.Subscription.Frequency);
    }

    [Fact]
    public async Task A_tag_is_known_once_tagging_suggested_it_before_any_commitment_carries_it()
    {
        using var admin = factory.CreateAdminClient();
        var request = Feed(tags: ["e-procurement"]);
        using (var before = await admin.PostAsJsonAsync("/api/subscriptions", request, Ct))
        {
            Assert.Contains("tags", await ProblemAssert.ValidationErrorsAsync(before));
        }

        await factory.PublishAsync(new CommitmentTracker.Contracts.Events.TagSuggested
        {
            SuggestionId = Guid.NewGuid(), CommitmentId = "BG0039", MemberCode = "BGR", Tag = "e-procurement", Confidence = 0.6, OccurredAt = Events.At,
        });

        var created = await factory.SubscribeAsync(admin, request);
        Assert.Equal(["e-procurement"], created.Subscription.Tags);
    }

    [Fact]
    public async Task A_valid_subscription_is_created_with_its_digest_time_and_the_webhook_secret_is_shown_once()
    {
        using var admin = factory.CreateAdminClient();
        var created = await factory.SubscribeAsync(admin, new
        {
            name = "Bulgaria", members = new[] { "bgr" }, tags = new[] { "open-contracting" }, eventKinds = new[] { "commitment-changed" },
            channels = new[] { "email", "webhook", "feed" }, email = "lead@example.org", webhookUrl = "https://203.0.113.10/hook",
            frequency = "weekly", digestHour = 8, digestDay = "Monday", timeZone = "Europe/Sofia",
        });

        Assert.StartsWith("whsec_", created.WebhookSecret, StringComparison.Ordinal);
        var s = created.Subscription;
        Assert.Equal(["BGR"], s.Members);
        Assert.Equal(("weekly", 8, "monday", "Europe/Sofia", true, true), (s.Frequency, s.DigestHour, s.DigestDay, s.TimeZone, s.Active, s.WebhookEnabled));
        // 08:00 in Sofia is 06:00 UTC in winter, and it falls on a Monday.
        Assert.Equal((DayOfWeek.Monday, 6, 0), (s.NextDigestAt!.Value.UtcDateTime.DayOfWeek, s.NextDigestAt.Value.UtcDateTime.Hour, s.NextDigestAt.Value.Minute));
        var fetched = await admin.GetStringAsync($"/api/subscriptions/{s.Id}", Ct);
        Assert.DoesNotContain(created.WebhookSecret!, fetched, StringComparison.Ordinal);
        Assert.DoesNotContain(created.WebhookSecret!, await admin.GetStringAsync("/api/subscriptions", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_may_not_subscribe_unless_an_admin_allows_their_role()
    {
        using var reader = factory.Reader();
        await reader.PostAsJsonAsync("/api/subscriptions", Feed(), Ct).ProblemAsync(HttpStatusCode.Forbidden);

        await using var open = new NotificationsFactory(settings: new Dictionary<string, string?> { ["Notifications:SubscriberRoles:0"] = Roles.Reader });
        await open.KnowAsync(["BGR"]);
        using var allowed = open.Reader();
        await open.SubscribeAsync(allowed, Feed(["BGR"]));
    }

    [Fact]
    public async Task A_country_lead_subscribes_only_to_members_of_its_scope()
    {
        using var lead = factory.Lead("lead-bgr", "BGR", "ROU");

        await factory.SubscribeAsync(lead, Feed(["BGR", "ROU"]));
        using var outside = await lead.PostAsJsonAsync("/api/subscriptions", Feed(["BGR", "GBR"]), Ct);
        using var everyone = await lead.PostAsJsonAsync("/api/subscriptions", Feed(), Ct);

        Assert.Equal(["members"], await ProblemAssert.ValidationErrorsAsync(outside));
        Assert.Equal(["members"], await ProblemAssert.ValidationErrorsAsync(everyone));
    }

    [Fact]
    public async Task A_country_lead_cannot_widen_its_subscription_past_its_scope_with_a_patch()
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        var created = await factory.SubscribeAsync(lead, Feed(["BGR"]));

        using var response = await lead.PatchAsJsonAsync($"/api/subscriptions/{created.Subscription.Id}", new { members = new[] { "GBR" } }, Ct);

        Assert.Equal(["members"], await ProblemAssert.ValidationErrorsAsync(response));
    }

    [Fact]
    public async Task Owners_see_their_own_subscriptions_admins_see_all_and_others_get_404()
    {
        using var bgr = factory.Lead("lead-bgr", "BGR");
        using var gbr = factory.Lead("lead-gbr", "GBR");
        using var admin = factory.CreateAdminClient();
        var mine = (await factory.SubscribeAsync(bgr, Feed(["BGR"]))).Subscription;
        var theirs = (await factory.SubscribeAsync(gbr, Feed(["GBR"]))).Subscription;

        var bgrList = await bgr.GetFromJsonAsync<PagedResponse<SubscriptionResponse>>("/api/subscriptions", Ct);
        var adminList = await admin.GetFromJsonAsync<PagedResponse<SubscriptionResponse>>("/api/subscriptions", Ct);

        Assert.Equal([mine.Id], bgrList!.Items.Select(s => s.Id));
        Assert.Equal("lead-bgr", bgrList.Items[0].Owner);
        Assert.Equal(2, adminList!.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await bgr.GetAsync($"/api/subscriptions/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bgr.PatchAsJsonAsync($"/api/subscriptions/{theirs.Id}", new { name = "mine now" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bgr.DeleteAsync($"/api/subscriptions/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bgr.PostAsync($"/api/subscriptions/{theirs.Id}/test", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/subscriptions/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gbr.DeleteAsync($"/api/subscriptions/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/subscriptions/{theirs.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_patch_changes_only_the_fields_it_names_and_adding_a_webhook_shows_its_new_secret()
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        var created = (await factory.SubscribeAsync(lead, Feed(["BGR"], kinds: ["commitment-changed"]))).Subscription;

        var patched = await lead.PatchAsJsonAsync($"/api/subscriptions/{created.Id}",
            new { channels = new[] { "feed", "webhook" }, webhookUrl = "https://203.0.113.10/hook", frequency = "daily", digestHour = 7, timeZone = "America/Mexico_City" }, Ct)
            .OkAsync<SubscriptionWithSecretResponse>();

        Assert.StartsWith("whsec_", patched.WebhookSecret, StringComparison.Ordinal);
        Assert.Equal(["BGR"], patched.Subscription.Members);
        Assert.Equal(["commitment-changed"], patched.Subscription.EventKinds);
        Assert.Equal(["feed", "webhook"], patched.Subscription.Channels);
        Assert.Equal(("daily", 7), (patched.Subscription.Frequency, patched.Subscription.DigestHour));
        Assert.Equal(13, patched.Subscription.NextDigestAt!.Value.UtcDateTime.Hour); // 07:00 in Mexico City (UTC-6, no DST)
    }

    [Fact]
    public async Task The_feed_lists_the_callers_notifications_with_unread_state_and_marks_them_read()
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        using var other = factory.Lead("lead-gbr", "GBR");
        var subscription = (await factory.SubscribeAsync(lead, Feed(["BGR"]))).Subscription;
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));
        await factory.PublishAsync(Events.Changed("UK0098", "GBR"));

        var feed = await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct);
        var item = Assert.Single(feed!.Items);
        Assert.Equal((subscription.Id, "commitment-changed", "BG0039", null), (item.SubscriptionId, item.Content.Kind, item.Content.CommitmentId, item.ReadAt));
        Assert.Equal([new NotificationChange("IRM End of Term Completion", "Limited", "Substantial")], item.Content.Changes);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/notifications/{item.Id}/read", null, Ct)).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Items);

        var read = await lead.PostAsync($"/api/notifications/{item.Id}/read", null, Ct).OkAsync<NotificationResponse>();
        Assert.NotNull(read.ReadAt);
        Assert.Equal(0, (await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications?unread=true", Ct))!.Total);
        Assert.Equal(1, (await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Total);
    }

    [Fact]
    public async Task Mark_all_read_marks_the_callers_items_up_to_the_newest_seen_and_leaves_later_ones_unread()
    {
        using var lead = factory.Lead("lead-bgr", "BGR");
        using var other = factory.Lead("lead-bgr-2", "BGR");
        await factory.SubscribeAsync(lead, Feed(["BGR"]));
        await factory.SubscribeAsync(other, Feed(["BGR"]));
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));
        await factory.PublishAsync(Events.Changed("BG0040", "BGR"));
        var newestSeen = (await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications", Ct))!.Items.Max(i => i.Id);
        await factory.PublishAsync(Events.Changed("BG0041", "BGR")); // arrives after the page was read: stays unread

        var marked = await lead.PostAsJsonAsync("/api/notifications/read", new MarkNotificationsReadRequest(newestSeen), Ct).OkAsync<MarkedNotificationsReadResponse>();
        var again = await lead.PostAsJsonAsync("/api/notifications/read", new MarkNotificationsReadRequest(newestSeen), Ct).OkAsync<MarkedNotificationsReadResponse>();

        var unread = (await lead.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications?unread=true", Ct))!.Items;
        Assert.Equal(2, marked.Marked); // BG0039 and BG0040, not BG0041
        Assert.Equal(0, again.Marked);
        Assert.Equal(["BG0041"], unread.Select(i => i.Content.CommitmentId));
        Assert.Equal(3, (await other.GetFromJsonAsync<PagedResponse<NotificationResponse>>("/api/notifications?unread=true", Ct))!.Total);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"upToId\":0}")]
    public async Task Mark_all_read_without_a_valid_newest_id_is_a_400_that_says_so(string body)
    {
        using var lead = factory.Lead("lead-bgr", "BGR");

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await lead.PostAsync("/api/notifications/read", content, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        var problem = System.Text.Json.JsonSerializer.Deserialize<HttpValidationProblemDetails>(answer, System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));

        Assert.Equal("The request to mark the feed read is not valid.", problem.Title);
        Assert.Equal(["upToId is required: the id of the newest feed item seen, 1 or more."], problem.Errors["upToId"]);
    }

    [Fact]
    public async Task Members_kinds_and_tags_narrow_what_a_subscription_hears()
    {
        using var admin = factory.CreateAdminClient();
        var byMember = (await factory.SubscribeAsync(admin, Feed(["ROU"]))).Subscription;
        var byKind = (await factory.SubscribeAsync(admin, Feed(kinds: ["tag-confirmed"]))).Subscription;
        var byTag = (await factory.SubscribeAsync(admin, Feed(tags: ["open-contracting"]))).Subscription;

        await factory.PublishAsync(Events.Changed("RO0001", "ROU"));                                             // member; not tagged yet
        await factory.PublishAsync(Events.Tagged("BG0039", "BGR", "open-contracting", "confirmed"));            // kind, tag
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));                                             // tag (the commitment now carries it)
        await factory.PublishAsync(Events.Tagged("BG0040", "BGR", "open-contracting", "proposed"));             // tag only
        await factory.PublishAsync(new CommitmentTracker.Contracts.Events.CommitmentUntagged { CommitmentId = "BG0039", MemberCode = "BGR", Tag = "open-contracting", OccurredAt = Events.At }); // tag
        await factory.PublishAsync(Events.Changed("BG0039", "BGR"));                                             // no longer tagged: not heard by tag

        var heard = await factory.QueryAsync(db => Task.FromResult(db.Notifications.OrderBy(n => n.Id).Select(n => new { n.SubscriptionId, n.Kind, n.MemberCode }).ToList()));
        Assert.Equal([("commitment-changed", "ROU")], heard.Where(n => n.SubscriptionId == byMember.Id).Select(n => (n.Kind, n.MemberCode)));
        Assert.Equal(["tag-confirmed"], heard.Where(n => n.SubscriptionId == byKind.Id).Select(n => n.Kind));
        Assert.Equal(["tag-confirmed", "commitment-changed", "tag-proposed", "tag-removed"], heard.Where(n => n.SubscriptionId == byTag.Id).Select(n => n.Kind));
    }
}
