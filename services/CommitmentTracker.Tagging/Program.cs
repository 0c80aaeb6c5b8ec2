using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.Messaging;
using CommitmentTracker.Tagging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(TaggingModule.ServiceName);
builder.AddTagging();
builder.AddMessaging(TaggingModule.AddTaggingConsumers);

var app = builder.Build();
app.UseServiceDefaults();
app.MapTagging();
await app.RunAsync();

/// <summary>Internal, not the public type the web SDK would generate: tests reach it through InternalsVisibleTo.</summary>
internal sealed partial class Program;
