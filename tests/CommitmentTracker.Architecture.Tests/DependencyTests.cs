namespace CommitmentTracker.Architecture.Tests;

/// <summary>Who may know whom: services know only shared libraries; nothing but the embedded host knows a service.</summary>
public sealed class DependencyTests
{
    public static TheoryData<string> Services => [.. Codebase.Services];

    public static TheoryData<string> Libraries => [.. Codebase.Libraries];

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_references_no_other_service_nor_the_host(string service)
    {
        var forbidden = Codebase.Services.Where(s => s != service).Select(s => $"CommitmentTracker.{s}").Append("CommitmentTracker.Host").Append("CommitmentTracker.Edge");
        var reached = Codebase.Reachable(Codebase.Service(service));
        Assert.DoesNotContain(reached, forbidden.Contains);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_shared_library_references_no_service(string library)
    {
        var forbidden = Codebase.Services.Select(s => $"CommitmentTracker.{s}").Append("CommitmentTracker.Host").Append("CommitmentTracker.Gateway");
        var reached = Codebase.Reachable(Codebase.Load(library));
        Assert.DoesNotContain(reached, forbidden.Contains);
    }

    [Fact]
    public void The_gateway_reaches_neither_a_service_nor_the_host_nor_the_bus()
    {
        var reached = Codebase.Reachable(Codebase.Load("CommitmentTracker.Gateway"));
        var forbidden = Codebase.Services.Select(s => $"CommitmentTracker.{s}").Concat(["CommitmentTracker.Host", "CommitmentTracker.Messaging", "MassTransit", "MassTransit.Abstractions", "RabbitMQ.Client"]);
        Assert.DoesNotContain(reached, forbidden.Contains);
    }

    [Theory]
    [InlineData("CommitmentTracker.ServiceDefaults", new[] { "MassTransit", "Microsoft.EntityFrameworkCore", "CommitmentTracker.Persistence", "CommitmentTracker.Messaging" })]
    [InlineData("CommitmentTracker.Persistence", new[] { "MassTransit", "CommitmentTracker.Messaging" })]
    [InlineData("CommitmentTracker.Edge", new[] { "MassTransit", "CommitmentTracker.Messaging" })]
    public void Shared_code_is_split_by_what_it_is(string library, string[] forbidden)
    {
        var reached = Codebase.Reachable(Codebase.Load(library));
        Assert.DoesNotContain(reached, forbidden.Contains);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_makes_only_its_module_public(string service)
    {
        // Migrations are generated public by EF's tooling; they are found by reflection, never referenced.
        var exported = Codebase.Service(service).GetExportedTypes().Where(t => t.Namespace?.Contains(".Data.Migrations", StringComparison.Ordinal) != true)
            .Select(t => t.FullName).ToList();
        Assert.Equal([$"CommitmentTracker.{service}.{service}Module"], exported);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_program_stays_tiny(string service)
    {
        var program = new FileInfo(Path.Combine(Codebase.ServiceFolder(service).FullName, "Program.cs"));
        var lines = File.ReadAllLines(program.FullName).Count(line => line.Trim().Length > 0);
        Assert.True(lines <= 16, $"{service}'s Program.cs has {lines} non-blank lines; its pieces belong in {service}Module.");
    }
}
