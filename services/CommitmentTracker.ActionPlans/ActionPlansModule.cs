using CommitmentTracker.ActionPlans.Commitments;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.ActionPlans.Features;
using CommitmentTracker.ActionPlans.Features.ActionPlans;
using CommitmentTracker.ActionPlans.Features.Commitments;
using CommitmentTracker.ActionPlans.Features.Imports;
using CommitmentTracker.ActionPlans.Features.Members;
using CommitmentTracker.ActionPlans.Features.Threads;
using CommitmentTracker.ActionPlans.Imports;
using CommitmentTracker.ActionPlans.Members;
using CommitmentTracker.ServiceDefaults.Http;
using CommitmentTracker.ServiceDefaults.OpenApi;
using CommitmentTracker.Persistence;
using CommitmentTracker.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CommitmentTracker.ServiceDefaults.Members;

namespace CommitmentTracker.ActionPlans;

/// <summary>The ActionPlans service's pieces, for its own Program and for the embedded host.</summary>
public static class ActionPlansModule
{
    public const string ServiceName = "actionplans";
    public const string ConnectionName = "ActionPlans";

    public static IHostApplicationBuilder AddActionPlans(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ActionPlansDb, SqliteActionPlansDb, SqlServerActionPlansDb, PostgresActionPlansDb>(ConnectionName);
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>();
        // Replaces any other directory (Notifications' HTTP one): in the embedded host, ActionPlans answers in process.
        builder.Services.Replace(ServiceDescriptor.Scoped<IMemberDirectory, MemberDirectory>());
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddSingleton<ImportProgress>();
        builder.Services.AddSingleton<CommitmentResponseCache>();
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddSingleton<IImportSourceDownloader, ImportSourceDownloader>();
        // A source's GET is retried on a transient failure, within the download's own size and time limits (BoundedDownload).
        builder.Services.AddHttpClient(ImportSourceDownloader.HttpClientName).AddDownloadResilience();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddHostedService<ImportJobSweeper>();
        builder.Services.AddHostedService<ScheduledImports>();
        builder.Services.AddHostedService<DryRunFileSweeper>();
        builder.Services.AddOpenApiExamples(ActionPlansExamples.Add);
        // Request records' attributes are checked before their endpoint runs (the source generator reads them here, where the endpoints are mapped).
        builder.Services.AddValidation();
        return builder;
    }

    public static IEndpointRouteBuilder MapActionPlans(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        var plans = api.MapGroup(string.Empty).WithTags("Action plans");
        RegisterActionPlan.Map(plans);
        ListActionPlans.Map(plans);
        GetActionPlan.Map(plans);
        var members = api.MapGroup(string.Empty).WithTags("Members");
        ListMembers.Map(members);
        GetMember.Map(members);
        var commitments = api.MapGroup(string.Empty).WithTags("Commitments");
        ListCommitments.Map(commitments);
        ExportCommitments.Map(commitments);
        GetCommitment.Map(commitments);
        GetCommitmentHistory.Map(commitments);
        var threads = api.MapGroup(string.Empty).WithTags("Reform threads");
        GetCommitmentThread.Map(threads);
        ListCommitmentLinks.Map(threads);
        CreateCommitmentLink.Map(threads);
        ConfirmCommitmentLink.Map(threads);
        RejectCommitmentLink.Map(threads);
        var imports = api.MapGroup(string.Empty).WithTags("Imports");
        StartImport.Map(imports);
        ListImports.Map(imports);
        GetImport.Map(imports);
        ImportDryRun.Map(imports);
        ListImportErrors.Map(imports);
        ListImportChanges.Map(imports);
        ListImportSources.Map(imports);
        return endpoints;
    }
}
