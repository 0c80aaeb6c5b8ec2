namespace CommitmentTracker.Tagging.Data;

/// <summary>The open-contracting vocabulary every installation starts with (admins manage it from there).</summary>
internal static class TagVocabulary
{
    public const string OpenContracting = "open-contracting";

    public static readonly Tag[] Seed =
    [
        new() { Id = OpenContracting, Label = "Open contracting", Confirmation = ConfirmationPolicy.BothOrganisations, Description = "Commitments to open up public contracting: disclosure of contracting data and documents, and engagement across the contracting process." },
        new() { Id = "oc-disclosure", Label = "Open contracting: disclosure", ParentId = OpenContracting, Description = "Publishing contracting data and documents, e.g. using the Open Contracting Data Standard (OCDS)." },
        new() { Id = "oc-participation", Label = "Open contracting: participation", ParentId = OpenContracting, Description = "Engagement, monitoring, feedback and redress by citizens, businesses and oversight bodies in public contracting." },
        new() { Id = "public-procurement", Label = "Public procurement", Description = "Reforms of how governments buy goods, works and services." },
        new() { Id = "e-procurement", Label = "E-procurement", Description = "Electronic procurement systems and platforms." },
        new() { Id = "beneficial-ownership", Label = "Beneficial ownership", Description = "Disclosure of who ultimately owns or controls companies, including suppliers." },
        new() { Id = "sector-health", Label = "Sector: health", Description = "Contracting and procurement in the health sector." },
        new() { Id = "sector-education", Label = "Sector: education", Description = "Contracting and procurement in the education sector." },
        new() { Id = "sector-infrastructure", Label = "Sector: infrastructure", Description = "Contracting for public works and infrastructure." },
        new() { Id = "sector-extractives", Label = "Sector: extractives", Description = "Contracts and licences in oil, gas and mining." },
    ];
}
