using System.Collections.Frozen;

namespace CommitmentTracker.ActionPlans.Sheets;

/// <summary>What a column of OGP's commitment sheet holds, and so whether a new value is news.</summary>
internal enum SheetColumnKind
{
    /// <summary>Identity, member, plan, titles, text, institutions, dates, URL.</summary>
    Core,
    /// <summary>One of the ~85 policy-area flags (0/1, sometimes ND).</summary>
    PolicyArea,
    /// <summary>The four OGP values (access to information, civic participation, public accountability, technology).</summary>
    OgpValue,
    /// <summary>An IRM assessment: a text value, or its <c>_</c>-prefixed numeric twin.</summary>
    Irm,
    /// <summary>Derived or housekeeping: stored, exported, but a new value is never a commitment change.</summary>
    Housekeeping,
}

internal sealed record SheetColumn(string Name, SheetColumnKind Kind)
{
    public bool CountsAsChange => Kind != SheetColumnKind.Housekeeping;
}

/// <summary>
/// The 171 columns of OGP's commitment sheet in the order OGP exports them (the order of our exports too).
/// Files are matched by column name, never position.
/// </summary>
internal static class SheetColumns
{
    public const string CommitmentId = "Commitment Unique Identifier";
    public const string MemberName = "Country/Locality";
    public const string ActionPlanNumber = "Action Plan Number";
    public const string CommitmentNumber = "Commitment Number";
    public const string MemberCode = "Code";
    public const string Region = "Region";
    public const string NationalOrLocal = "National Or Local";
    public const string SubmissionYear = "Year Of Submission";
    public const string EndYear = "Action Plan End Year";
    public const string DurationYears = "Action Plan Duration (Years)";
    public const string Theme = "Theme";
    public const string Title = "Commitment Title";
    public const string ShortTitle = "Short Title";
    public const string FullText = "Full Text";
    public const string StartDate = "Start Date";
    public const string EndDate = "End Date";
    public const string LeadInstitution = "Lead Institution";
    public const string SupportingInstitutions = "Supporting Institution(s)";
    public const string OpenContracting = "Open Contracting";
    public const string PublicProcurement = "Public Procurement";
    public const string PotentialImpact = "Potential Impact";
    public const string CompletionProgressReport = "Completion (Progress Report)";
    public const string PotentialForResults = "Potential for Results";
    public const string CompletionEndOfTerm = "Completion (End Of Term)";
    public const string EarlyResults = "Early Results";
    public const string DidItOpenGovernment = "Did It Open Government (Overall)";
    public const string ClusterCommitmentIds = "Cluster Commitment ID(s)";
    public const string CarriedForward = "Carried Forward";
    public const string Url = "URL";
    public const string ActionPlanId = "Action Plan ID";
    public const string OgpId = "id";

    /// <summary>A file without one of these is rejected whole.</summary>
    public static readonly IReadOnlyList<string> Required = [CommitmentId, MemberName, MemberCode, ActionPlanId, Title];

    /// <summary>
    /// Every known column. Stored cells are keyed by a column's position here (<see cref="CommitmentCells.SerializeStored"/>),
    /// so a new column goes at the end, and none is ever removed or moved: stored rows would read as other columns.
    /// <c>StoredCellKeysTests</c> holds the list to that.
    /// </summary>
    public static readonly IReadOnlyList<SheetColumn> All =
    [
        new("Commitment Unique Identifier", SheetColumnKind.Core),
        new("Country/Locality", SheetColumnKind.Core),
        new("Action Plan Number", SheetColumnKind.Core),
        new("Commitment Number", SheetColumnKind.Core),
        new("Code", SheetColumnKind.Core),
        new("Region", SheetColumnKind.Core),
        new("National Or Local", SheetColumnKind.Core),
        new("Commitment Dummy", SheetColumnKind.Core),
        new("Year Of Submission", SheetColumnKind.Core),
        new("Action Plan End Year", SheetColumnKind.Core),
        new("Action Plan Duration (Years)", SheetColumnKind.Core),
        new("Theme", SheetColumnKind.Core),
        new("Commitment Title", SheetColumnKind.Core),
        new("Short Title", SheetColumnKind.Core),
        new("Full Text", SheetColumnKind.Core),
        new("Start Date", SheetColumnKind.Core),
        new("End Date", SheetColumnKind.Core),
        new("Lead Institution", SheetColumnKind.Core),
        new("Supporting Institution(s)", SheetColumnKind.Core),
        new("Anti-Corruption and Integrity", SheetColumnKind.PolicyArea),
        new("Anti-corruption Institutions", SheetColumnKind.PolicyArea),
        new("Anti-Corruption Strategies", SheetColumnKind.PolicyArea),
        new("Asset Disclosure", SheetColumnKind.PolicyArea),
        new("Audits", SheetColumnKind.PolicyArea),
        new("Beneficial Ownership", SheetColumnKind.PolicyArea),
        new("Conflicts Of Interest", SheetColumnKind.PolicyArea),
        new("Elections", SheetColumnKind.PolicyArea),
        new("Political Finance", SheetColumnKind.PolicyArea),
        new("Lobbying", SheetColumnKind.PolicyArea),
        new("Open Contracting", SheetColumnKind.PolicyArea),
        new("Public Procurement", SheetColumnKind.PolicyArea),
        new("Right To Information", SheetColumnKind.PolicyArea),
        new("Whistleblower Protections", SheetColumnKind.PolicyArea),
        new("Civic Space and Enabling Environment", SheetColumnKind.PolicyArea),
        new("Freedom of Assembly", SheetColumnKind.PolicyArea),
        new("Freedom of Association", SheetColumnKind.PolicyArea),
        new("Freedom of Expression", SheetColumnKind.PolicyArea),
        new("Democratizing Decision-Making", SheetColumnKind.PolicyArea),
        new("Digital Participation", SheetColumnKind.PolicyArea),
        new("Mainstreaming Participation", SheetColumnKind.PolicyArea),
        new("Regulatory Governance", SheetColumnKind.PolicyArea),
        new("Social Accountability", SheetColumnKind.PolicyArea),
        new("Digital Governance", SheetColumnKind.PolicyArea),
        new("Automated Decision-making", SheetColumnKind.PolicyArea),
        new("Data Stewardship and Privacy", SheetColumnKind.PolicyArea),
        new("Digital Inclusion", SheetColumnKind.PolicyArea),
        new("Disinformation/Misinformation", SheetColumnKind.PolicyArea),
        new("Online Civic Space", SheetColumnKind.PolicyArea),
        new("Environment & Climate", SheetColumnKind.PolicyArea),
        new("Climate Finance", SheetColumnKind.PolicyArea),
        new("Climate Mitigation and Adaptation", SheetColumnKind.PolicyArea),
        new("Environmental Regulation", SheetColumnKind.PolicyArea),
        new("International Environmental Agreements", SheetColumnKind.PolicyArea),
        new("Fiscal Openness", SheetColumnKind.PolicyArea),
        new("Publication Of Budget/Fiscal Information", SheetColumnKind.PolicyArea),
        new("Public Participation In Budget/Fiscal Policy", SheetColumnKind.PolicyArea),
        new("Oversight Of Budget/Fiscal Policies", SheetColumnKind.PolicyArea),
        new("Stimulus and Economic Recovery", SheetColumnKind.PolicyArea),
        new("Tax", SheetColumnKind.PolicyArea),
        new("Debt", SheetColumnKind.PolicyArea),
        new("Inclusion", SheetColumnKind.PolicyArea),
        new("Gender", SheetColumnKind.PolicyArea),
        new("Gender-Based Violence", SheetColumnKind.PolicyArea),
        new("Economic Inclusion", SheetColumnKind.PolicyArea),
        new("LGBTQIA+", SheetColumnKind.PolicyArea),
        new("People with Disabilities", SheetColumnKind.PolicyArea),
        new("Youth", SheetColumnKind.PolicyArea),
        new("Justice", SheetColumnKind.PolicyArea),
        new("Access to Justice", SheetColumnKind.PolicyArea),
        new("Open Justice", SheetColumnKind.PolicyArea),
        new("Policing & Corrections", SheetColumnKind.PolicyArea),
        new("Judiciary", SheetColumnKind.PolicyArea),
        new("Open Parliaments", SheetColumnKind.PolicyArea),
        new("Public Service Delivery", SheetColumnKind.PolicyArea),
        new("Citizenship & Immigration", SheetColumnKind.PolicyArea),
        new("Education", SheetColumnKind.PolicyArea),
        new("Health & Nutrition", SheetColumnKind.PolicyArea),
        new("Infrastructure & Transport", SheetColumnKind.PolicyArea),
        new("Water & Sanitation", SheetColumnKind.PolicyArea),
        new("Capacity Building", SheetColumnKind.PolicyArea),
        new("Digital Transformation", SheetColumnKind.PolicyArea),
        new("Legislation", SheetColumnKind.PolicyArea),
        new("Regulation", SheetColumnKind.PolicyArea),
        new("Legislative Oversight", SheetColumnKind.PolicyArea),
        new("Open Data", SheetColumnKind.PolicyArea),
        new("Public Participation", SheetColumnKind.PolicyArea),
        new("Aid", SheetColumnKind.PolicyArea),
        new("Energy", SheetColumnKind.PolicyArea),
        new("Extractive Industries", SheetColumnKind.PolicyArea),
        new("Land and Spatial Planning", SheetColumnKind.PolicyArea),
        new("Media & Telecommunications", SheetColumnKind.PolicyArea),
        new("Science & Technology", SheetColumnKind.PolicyArea),
        new("Security & Public Safety", SheetColumnKind.PolicyArea),
        new("Labor", SheetColumnKind.PolicyArea),
        new("Private Sector", SheetColumnKind.PolicyArea),
        new("Subnational", SheetColumnKind.PolicyArea),
        new("Human Rights", SheetColumnKind.PolicyArea),
        new("Open Parliament Plan", SheetColumnKind.PolicyArea),
        new("Sustainable Development Goals", SheetColumnKind.PolicyArea),
        new("Open Data (Water/Sanitation)", SheetColumnKind.PolicyArea),
        new("Open Data (Health)", SheetColumnKind.PolicyArea),
        new("Open Data (Education)", SheetColumnKind.PolicyArea),
        new("Participation in Lawmaking", SheetColumnKind.PolicyArea),
        new("Access to information", SheetColumnKind.PolicyArea),
        new("Money in Politics", SheetColumnKind.PolicyArea),
        new("Report Publication Year (Progress Report)", SheetColumnKind.Irm),
        new("Compound", SheetColumnKind.Irm),
        new("Cluster", SheetColumnKind.Irm),
        new("Specificity", SheetColumnKind.Irm),
        new("_Specificity", SheetColumnKind.Irm),
        new("Verifiable", SheetColumnKind.Irm),
        new("OGP Value Access To Information", SheetColumnKind.OgpValue),
        new("OGP Value Civic Participation", SheetColumnKind.OgpValue),
        new("OGP Value Public Accountability", SheetColumnKind.OgpValue),
        new("OGP Value Technology", SheetColumnKind.OgpValue),
        new("_Relevant", SheetColumnKind.Irm),
        new("Potential Impact", SheetColumnKind.Irm),
        new("_Potential Impact", SheetColumnKind.Irm),
        new("Completion (Progress Report)", SheetColumnKind.Irm),
        new("_CompletionProgress", SheetColumnKind.Irm),
        new("Starred (2015 Only)", SheetColumnKind.Irm),
        new("Starred (Current Formula) Progress Report", SheetColumnKind.Irm),
        new("Potential for Results", SheetColumnKind.Irm),
        new("_Potential for Results", SheetColumnKind.Irm),
        new("Cluster (AP Review)", SheetColumnKind.Irm),
        new("Cluster Commitment ID(s)", SheetColumnKind.Irm),
        new("Report Publication Year (End Of Term)", SheetColumnKind.Irm),
        new("Completion (End Of Term)", SheetColumnKind.Irm),
        new("_CompletionEndTerm", SheetColumnKind.Irm),
        new("Change In Completion", SheetColumnKind.Irm),
        new("_ChangeCompletion", SheetColumnKind.Irm),
        new("Early Results", SheetColumnKind.Irm),
        new("_Early Results", SheetColumnKind.Irm),
        new("Did It Open Government (Overall)", SheetColumnKind.Irm),
        new("_OpenGovernment", SheetColumnKind.Irm),
        new("Did It Open Government (Access To Information)", SheetColumnKind.Irm),
        new("_DIOGATI", SheetColumnKind.Irm),
        new("Did It Open Government (Civic Participation)", SheetColumnKind.Irm),
        new("_DIOGCP", SheetColumnKind.Irm),
        new("Did It Open Government: Public Accountability", SheetColumnKind.Irm),
        new("_DIOGPA", SheetColumnKind.Irm),
        new("Starred (Current Formula) End of Term", SheetColumnKind.Irm),
        new("Carried Forward", SheetColumnKind.Irm),
        new("Most Recently Assessed", SheetColumnKind.Housekeeping),
        new("Star - Most Recently Assessed", SheetColumnKind.Housekeeping),
        new("IRM Assessed", SheetColumnKind.Housekeeping),
        new("Updated? (Website)", SheetColumnKind.Housekeeping),
        new("Active Commitment", SheetColumnKind.Housekeeping),
        new("Max star", SheetColumnKind.Housekeeping),
        new("Ambition Assessed", SheetColumnKind.Housekeeping),
        new("Comp Assessed", SheetColumnKind.Housekeeping),
        new("DIOG Assessed", SheetColumnKind.Housekeeping),
        new("Midterm Only", SheetColumnKind.Core),
        new("Max Completion", SheetColumnKind.Housekeeping),
        new("Raw Completion", SheetColumnKind.Housekeeping),
        new("High Completion", SheetColumnKind.Housekeeping),
        new("High Ambition", SheetColumnKind.Housekeeping),
        new("High DIOG", SheetColumnKind.Housekeeping),
        new("Ambitious and complete, or DIOG", SheetColumnKind.Housekeeping),
        new("Ambitious but not complete", SheetColumnKind.Housekeeping),
        new("Complete but not ambitious", SheetColumnKind.Housekeeping),
        new("Not complete or ambitious", SheetColumnKind.Housekeeping),
        new("Not reviewed", SheetColumnKind.Core),
        new("CHECKSUM", SheetColumnKind.Housekeeping),
        new("IRM-Based Score", SheetColumnKind.Housekeeping),
        new("Binding constraint", SheetColumnKind.Housekeeping),
        new("URL", SheetColumnKind.Core),
        new("Latest IRM Report", SheetColumnKind.Housekeeping),
        new("Subnational in NAPs", SheetColumnKind.Core),
        new("Action Plan ID", SheetColumnKind.Core),
        new("id", SheetColumnKind.Core),
    ];

    private static readonly Dictionary<string, SheetColumn> ByName = All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    // Exact names, as a row's cells are keyed (SheetCells).
    private static readonly FrozenDictionary<string, int> OrdinalByName = All.Select((c, i) => (c.Name, i)).ToFrozenDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);

    /// <summary>The position in <see cref="All"/> of the column with exactly this name, or -1.</summary>
    public static int OrdinalOf(string name) => OrdinalByName.TryGetValue(name, out var ordinal) ? ordinal : -1;

    /// <summary>The known column with this name (case and surrounding spaces ignored), or null for an unknown column.</summary>
    public static SheetColumn? Find(string name) => ByName.GetValueOrDefault(name.Trim());

    public static IEnumerable<SheetColumn> PolicyAreas => All.Where(c => c.Kind == SheetColumnKind.PolicyArea);

    /// <summary>
    /// IRM text columns and their numeric twins. The twins' names are OGP's (irregular), so they are listed, not derived.
    /// </summary>
    public static readonly IReadOnlyList<(string Text, string Numeric)> IrmPairs =
    [
        ("Specificity", "_Specificity"),
        (PotentialImpact, "_Potential Impact"),
        (CompletionProgressReport, "_CompletionProgress"),
        (PotentialForResults, "_Potential for Results"),
        (CompletionEndOfTerm, "_CompletionEndTerm"),
        ("Change In Completion", "_ChangeCompletion"),
        (EarlyResults, "_Early Results"),
        (DidItOpenGovernment, "_OpenGovernment"),
        ("Did It Open Government (Access To Information)", "_DIOGATI"),
        ("Did It Open Government (Civic Participation)", "_DIOGCP"),
        ("Did It Open Government: Public Accountability", "_DIOGPA"),
    ];
}
