using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddStandaloneWebDefaults();
builder.AddServiceDefaults(StandaloneWeb.ServiceName, InternalIdentity.None);
builder.AddWebWorkspace();

var app = builder.Build();
app.UseServiceDefaults();
app.MapWebWorkspace();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
