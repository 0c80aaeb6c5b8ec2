using System.Globalization;
using System.Text;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Benchmarks;

/// <summary>What <see cref="SyntheticSheet.WriteAsync"/> wrote.</summary>
/// <param name="Mutated">Rows whose one meaningful cell differs in <see cref="MutatedPath"/>.</param>
/// <param name="MemberRows">Rows per member code.</param>
/// <param name="PlanRows">Rows per action plan id.</param>
internal sealed record SyntheticSheetFiles(
    string Path,
    long Bytes,
    string? MutatedPath,
    int Rows,
    int Mutated,
    IReadOnlyDictionary<string, int> MemberRows,
    IReadOnlyDictionary<string, int> PlanRows);

/// <summary>
/// Deterministic (fixed seed) OGP commitment sheets with the real 171-column header, read from the sample fixture, and
/// content shaped like OGP's: ~80 members (a few 4-letter local ones), ~5 action plans each, multi-line full texts of
/// realistic length, the sheet's mixed date forms, policy-area flags, IRM vocabularies with NA/ND/NR. Streamed to disk
/// as RFC 4180 CSV (UTF-8, CRLF records); optionally a second file with one meaningful cell changed in 1 % of rows.
/// </summary>
internal sealed class SyntheticSheet
{
    public const int DefaultSeed = 20_121_231;

    private const string FirstPolicyArea = "Anti-Corruption and Integrity";
    private const string LastPolicyArea = "Money in Politics";
    private const string CompletionEndOfTerm = "Completion (End Of Term)";
    private const string Title = "Commitment Title";

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly Member[] Members =
    [
        new("ALB", "Albania", "AL", "Europe"), new("ARM", "Armenia", "AM", "Europe"), new("AZE", "Azerbaijan", "AZ", "Europe"),
        new("BIH", "Bosnia and Herzegovina", "BA", "Europe"), new("BGR", "Bulgaria", "BG", "Europe"), new("HRV", "Croatia", "HR", "Europe"),
        new("CZE", "Czech Republic", "CZ", "Europe"), new("DNK", "Denmark", "DK", "Europe"), new("EST", "Estonia", "EE", "Europe"),
        new("FIN", "Finland", "FI", "Europe"), new("FRA", "France", "FR", "Europe"), new("GEO", "Georgia", "GE", "Europe"),
        new("DEU", "Germany", "DE", "Europe"), new("GRC", "Greece", "GR", "Europe"), new("IRL", "Ireland", "IE", "Europe"),
        new("ITA", "Italy", "IT", "Europe"), new("XKX", "Kosovo", "XK", "Europe", "Other"), new("LVA", "Latvia", "LV", "Europe"),
        new("LTU", "Lithuania", "LT", "Europe"), new("LUX", "Luxembourg", "LU", "Europe"), new("MDA", "Moldova", "MD", "Europe"),
        new("MNE", "Montenegro", "ME", "Europe"), new("NLD", "Netherlands", "NL", "Europe"), new("MKD", "North Macedonia", "MK", "Europe"),
        new("NOR", "Norway", "NO", "Europe"), new("PRT", "Portugal", "PT", "Europe"), new("ROU", "Romania", "RO", "Europe"),
        new("SRB", "Serbia", "RS", "Europe"), new("SVK", "Slovak Republic", "SK", "Europe"), new("ESP", "Spain", "ES", "Europe"),
        new("SWE", "Sweden", "SE", "Europe"), new("UKR", "Ukraine", "UA", "Europe"), new("GBR", "United Kingdom", "UK", "Europe"),
        new("ARG", "Argentina", "AR", "Americas"), new("BRA", "Brazil", "BR", "Americas"), new("CAN", "Canada", "CA", "Americas"),
        new("CHL", "Chile", "CL", "Americas"), new("COL", "Colombia", "CO", "Americas"), new("CRI", "Costa Rica", "CR", "Americas"),
        new("DOM", "Dominican Republic", "DO", "Americas"), new("ECU", "Ecuador", "EC", "Americas"), new("SLV", "El Salvador", "SV", "Americas"),
        new("GTM", "Guatemala", "GT", "Americas"), new("HND", "Honduras", "HN", "Americas"), new("JAM", "Jamaica", "JM", "Americas"),
        new("MEX", "Mexico", "MX", "Americas"), new("PAN", "Panama", "PA", "Americas"), new("PRY", "Paraguay", "PY", "Americas"),
        new("PER", "Peru", "PE", "Americas"), new("URY", "Uruguay", "UY", "Americas"), new("USA", "United States", "US", "Americas"),
        new("BFA", "Burkina Faso", "BF", "Africa and the Middle East"), new("CPV", "Cabo Verde", "CV", "Africa and the Middle East"),
        new("CIV", "Côte d'Ivoire", "CI", "Africa and the Middle East"), new("GHA", "Ghana", "GH", "Africa and the Middle East"),
        new("JOR", "Jordan", "JO", "Africa and the Middle East"), new("KEN", "Kenya", "KE", "Africa and the Middle East"),
        new("LBR", "Liberia", "LR", "Africa and the Middle East"), new("MWI", "Malawi", "MW", "Africa and the Middle East"),
        new("MAR", "Morocco", "MA", "Africa and the Middle East"), new("NGA", "Nigeria", "NG", "Africa and the Middle East"),
        new("SEN", "Senegal", "SN", "Africa and the Middle East"), new("SYC", "Seychelles", "SC", "Africa and the Middle East"),
        new("SLE", "Sierra Leone", "SL", "Africa and the Middle East"), new("ZAF", "South Africa", "ZA", "Africa and the Middle East"),
        new("TUN", "Tunisia", "TN", "Africa and the Middle East"), new("ISR", "Israel", "IL", "Africa and the Middle East"),
        new("AUS", "Australia", "AU", "Asia and the Pacific"), new("IDN", "Indonesia", "ID", "Asia and the Pacific"),
        new("KGZ", "Kyrgyz Republic", "KG", "Asia and the Pacific"), new("MNG", "Mongolia", "MN", "Asia and the Pacific"),
        new("NZL", "New Zealand", "NZ", "Asia and the Pacific"), new("PAK", "Pakistan", "PK", "Asia and the Pacific"),
        new("PNG", "Papua New Guinea", "PNG", "Asia and the Pacific"), new("PHL", "Philippines", "PH", "Asia and the Pacific"),
        new("KOR", "Republic of Korea", "KR", "Asia and the Pacific"), new("LKA", "Sri Lanka", "LK", "Asia and the Pacific"),
        new("GBSC", "Scotland, United Kingdom", "SCO", "Europe", "Legacy Local"), new("FRPA", "Paris, France", "PAR", "Europe", "Legacy Local"),
        new("ESMA", "Madrid, Spain", "MAD", "Europe", "Local"), new("ARBA", "Buenos Aires, Argentina", "BUE", "Americas", "Local"),
    ];

    private static readonly string[] Themes =
    [
        "e-Governance: 2012 and Onward", "Fiscal Transparency", "Anti-Corruption", "Anti-corruption", "Natural Resources",
        "Natural resources governance", "Public Procurement", "Access to Information", "Citizen Participation", "Open Data",
        "Justice", "Public Service Delivery", "TRANSPARENCIA FISCAL, COMPRAS Y CONTRATACIONES", "Health", "Education",
    ];

    private static readonly string[] Institutions =
    [
        "Ministry of Finance", "Public Procurement Agency", "Council of Ministers", "Parliament", "Office of the Auditor General",
        "Ministry of Justice", "Ministry of Health", "Ministry of Education", "National Statistics Office", "Anti-Corruption Bureau",
        "Ministry of Finance, Public Property Agency", "Department of Treasury, Auditor General's Office", "Ministry of Mining",
        "State Election Commission", "Procurement Monitoring Bureau (PMB)", "Public Procurement and Disposal of Assets Authority (PPDA)",
        "Ministry of Public Administration", "Cabinet Office", "Prime Minister's Office", "National Agency for Information Society",
        "Ministerio de Finanzas Públicas (MINFIN)", "Superintendencia de Administración Tributaria (SAT)", "Ombudsman",
        "Ministry of Economy", "State Enterprise ProZorro", "Central Finance and Contracts Agency (CFLA)", "Registrar General",
        "Civil society organisations", "Transparency International chapter", "Open Contracting working group", "Local authorities",
    ];

    private static readonly string[] Common =
    [
        "the", "the", "the", "of", "of", "and", "and", "to", "to", "in", "a", "for", "on", "with", "by", "public", "government",
        "national", "information", "citizens", "civil", "society", "institutions", "access", "transparency", "accountability",
        "participation", "data", "open", "plan", "action", "commitment", "implementation", "monitoring", "system", "platform",
        "law", "regulation", "reform", "ministry", "agency", "framework", "mechanism", "process", "report", "reports", "annual",
        "online", "portal", "electronic", "digital", "standard", "standards", "local", "level", "stakeholders", "consultation",
        "policy", "policies", "development", "capacity", "training", "officials", "strengthen", "improve", "ensure", "establish",
        "publish", "develop", "promote", "increase", "review", "new", "existing", "available", "timely", "comprehensive", "quality",
        "including", "through", "within", "between", "such", "as", "will", "be", "is", "are", "which", "that", "this", "its",
        "their", "all", "more", "other", "key", "main", "first", "second", "year", "years", "period", "results", "impact",
        "objective", "objectives", "issue", "problem", "challenge", "lack", "limited", "effective", "efficient", "use", "users",
    ];

    private static readonly Dictionary<string, string[]> TopicWords = new(StringComparer.Ordinal)
    {
        ["procurement"] = ["procurement", "procurement", "contracting", "contracts", "tenders", "bidders", "suppliers", "e-procurement", "Open Contracting Data Standard", "award", "red flags"],
        ["budget"] = ["budget", "budgetary", "fiscal", "expenditure", "revenue", "treasury", "audit", "citizens' budget", "public finances"],
        ["integrity"] = ["corruption", "integrity", "asset declarations", "conflicts of interest", "whistleblowers", "lobbying", "beneficial ownership"],
        ["participation"] = ["participation", "co-creation", "deliberation", "consultations", "forum", "civic space", "youth councils"],
        ["justice"] = ["justice", "courts", "judiciary", "legal aid", "prosecution", "case management", "judgements"],
        ["extractives"] = ["extractive", "mining", "licences", "EITI", "oil", "gas", "royalties", "natural resources"],
        ["health"] = ["health", "hospitals", "medicines", "patients", "health services", "vaccination", "nutrition"],
        ["climate"] = ["climate", "environment", "emissions", "adaptation", "environmental impact", "forests", "water"],
    };

    private static readonly Dictionary<string, string[]> TopicAreas = new(StringComparer.Ordinal)
    {
        ["procurement"] = ["Public Procurement", "Open Contracting", "Anti-Corruption and Integrity"],
        ["budget"] = ["Fiscal Openness", "Publication Of Budget/Fiscal Information", "Audits"],
        ["integrity"] = ["Anti-Corruption and Integrity", "Asset Disclosure", "Beneficial Ownership", "Conflicts Of Interest"],
        ["participation"] = ["Democratizing Decision-Making", "Public Participation", "Civic Space and Enabling Environment"],
        ["justice"] = ["Justice", "Access to Justice", "Open Justice", "Judiciary"],
        ["extractives"] = ["Extractive Industries", "Beneficial Ownership", "Fiscal Openness"],
        ["health"] = ["Health & Nutrition", "Public Service Delivery"],
        ["climate"] = ["Environment & Climate", "Climate Mitigation and Adaptation", "Environmental Regulation"],
    };

    private static readonly string[] Topics = [.. TopicWords.Keys];
    private static readonly string[] Rare = ["públicas", "société civile", "gestión", "Überprüfung", "“Open Budget”", "e-services", "€", "20%", "(2019–2021)"];
    private static readonly string[] Sections = ["Problem/Issue to be addressed: ", "Main Objective: ", "Brief Description of Commitment: ", "Relevance: ", "Ambition: ", "Status quo: "];
    private static readonly string[] NewTaxonomy = ["Digital Participation", "Mainstreaming Participation", "Digital Transformation"];
    private static readonly string[] Completions = ["Not Started", "Limited", "Limited", "Substantial", "Substantial", "Substantial", "Complete", "Complete"];
    private static readonly string[] Specificities = ["None", "Low", "Medium", "Medium", "High"];
    private static readonly string[] Impacts = ["None", "Minor", "Moderate", "Moderate", "Transformative"];
    private static readonly string[] ResultsPotential = ["Unclear", "Modest", "Modest", "Substantial"];
    private static readonly string[] EarlyResults = ["No Notable Results", "Moderate Results", "Moderate Results", "Significant Results"];
    private static readonly string[] Diog = ["Worsened", "Did Not Change", "Marginal", "Marginal", "Major", "Outstanding"];
    private static readonly string[] DiogPart = ["Not Applicable", "Not Applicable", "Did Not Change", "Marginal", "Major"];
    private static readonly string[] BindingConstraints = ["PotImp", "PotImp", "FALSE", "Spec", "STAR", "Cmpl"];

    private readonly Random random;
    private readonly IReadOnlyList<string> header;
    private readonly Dictionary<string, int> column;
    private readonly int[] policyAreas;
    private readonly string[] cells;
    private readonly StringBuilder text = new(16 * 1024);
    private int ogpId = 1000;

    private SyntheticSheet(int seed)
    {
        random = new Random(seed);
        header = ReadHeader(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"));
        if (header.Count != 171)
        {
            throw new InvalidDataException($"The sample sheet's header has {header.Count} columns; 171 were expected.");
        }

        column = header.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var first = column[FirstPolicyArea];
        policyAreas = [.. Enumerable.Range(first, column[LastPolicyArea] - first + 1)];
        if (policyAreas.Length != 86)
        {
            throw new InvalidDataException($"{policyAreas.Length} policy-area columns between '{FirstPolicyArea}' and '{LastPolicyArea}'; 86 were expected.");
        }

        cells = new string[header.Count];
    }

    /// <summary>
    /// Writes <paramref name="rows"/> rows to <paramref name="path"/>, and, when <paramref name="mutatedPath"/> is given,
    /// the same rows to it with one meaningful cell (alternately the end-of-term completion and the title) changed in
    /// exactly 1 % of them (at least one), spread evenly. Both files are written in one pass, row by row.
    /// </summary>
    public static async Task<SyntheticSheetFiles> WriteAsync(string path, int rows, string? mutatedPath = null, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var sheet = new SyntheticSheet(seed);
        var plans = sheet.Plan(rows);
        var mutations = mutatedPath is null ? 0 : Math.Max(1, rows / 100);
        var step = (double)rows / mutations;
        var nextMutation = 0;
        var memberRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var planRows = new Dictionary<string, int>(StringComparer.Ordinal);

        var row = 0;
        var commitmentsOfMember = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var output = Open(path))
        await using (var mutated = mutatedPath is null ? null : Open(mutatedPath))
        {
            WriteRecord(output, sheet.header);
            if (mutated is not null)
            {
                WriteRecord(mutated, sheet.header);
            }

            foreach (var plan in plans)
            {
                for (var number = 1; number <= plan.Rows; number++, row++)
                {
                    var sequence = commitmentsOfMember[plan.Member.Code] = commitmentsOfMember.GetValueOrDefault(plan.Member.Code) + 1;
                    sheet.Fill(plan, number, sequence);
                    WriteRecord(output, sheet.cells);
                    if (mutated is not null)
                    {
                        if (nextMutation < mutations && row == (int)((nextMutation * step) + (step / 2)))
                        {
                            sheet.Mutate(nextMutation++);
                        }

                        WriteRecord(mutated, sheet.cells);
                    }

                    memberRows[plan.Member.Code] = memberRows.GetValueOrDefault(plan.Member.Code) + 1;
                    planRows[plan.Id] = planRows.GetValueOrDefault(plan.Id) + 1;
                }
            }
        }

        if (nextMutation != mutations)
        {
            throw new InvalidOperationException($"{nextMutation} rows were mutated; {mutations} were planned.");
        }

        return new SyntheticSheetFiles(path, new FileInfo(path).Length, mutatedPath, rows, nextMutation, memberRows, planRows);
    }

    /// <summary>The first record of a CSV file (RFC 4180 quoting).</summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var next = reader.Read(); next >= 0; next = reader.Read())
        {
            var c = (char)next;
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    cell.Append('"');
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                header.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                break;
            }
            else
            {
                cell.Append(c);
            }
        }

        header.Add(cell.ToString());
        return header;
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);

    private sealed record Member(string Code, string Name, string IdPrefix, string Region, string Kind = "National")
    {
        public bool IsLocal => Code.Length == 4;
    }

    private sealed record ActionPlan(Member Member, string Id, int Number, int Submission, int End, int Rows);

    /// <summary>Each member's plans (years 2012–2024, consecutive), and how many of the rows each plan gets.</summary>
    private List<ActionPlan> Plan(int rows)
    {
        if (Members.Select(m => m.IdPrefix).Distinct(StringComparer.Ordinal).Count() != Members.Length)
        {
            throw new InvalidOperationException("Two members share a commitment id prefix.");
        }

        var drafts = new List<(Member Member, int Number, int Submission, int End, double Weight)>();
        foreach (var member in Members)
        {
            var count = member.IsLocal ? random.Next(2, 4) : random.Next(4, 8);
            var submission = member.IsLocal ? random.Next(2016, 2019) : 2012 + (int)(Math.Pow(random.NextDouble(), 2) * 6);
            for (var number = 1; number <= count && submission <= 2024; number++)
            {
                var duration = random.NextDouble() switch { < 0.10 => 1, < 0.85 => 2, < 0.95 => 3, _ => 4 };
                var end = submission + duration;
                drafts.Add((member, number, submission, end, 0.3 + (random.NextDouble() * 1.7)));
                submission = end + (random.NextDouble() < 0.2 ? 1 : 0);
            }
        }

        // Largest remainder: the plan sizes add up to exactly the rows asked for.
        var total = drafts.Sum(d => d.Weight);
        var exact = drafts.Select(d => d.Weight / total * rows).ToList();
        var counts = exact.Select(e => (int)e).ToArray();
        foreach (var index in exact.Select((e, i) => (Remainder: e - Math.Floor(e), Index: i)).OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(rows - counts.Sum()).Select(r => r.Index))
        {
            counts[index]++;
        }

        return [.. drafts.Select((d, i) => new ActionPlan(d.Member, string.Create(CultureInfo.InvariantCulture, $"AP_{d.Member.Code}{d.Number:00}"), d.Number, d.Submission, d.End, counts[i])).Where(p => p.Rows > 0)];
    }

    /// <summary>Fills <see cref="cells"/> with the plan's commitment <paramref name="number"/> (the member's <paramref name="sequence"/>-th).</summary>
    private void Fill(ActionPlan plan, int number, int sequence)
    {
        var member = plan.Member;
        var id = member.IdPrefix + sequence.ToString(member.Code[0] is 'C' or 'M' ? "D5" : "D4", CultureInfo.InvariantCulture);
        var topic = Pick(Topics);
        var second = random.NextDouble() < 0.35 ? Pick(Topics) : null;

        // Anything not set below is a housekeeping flag: mostly 0.
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = random.NextDouble() < 0.2 ? "1" : "0";
        }

        Set("Commitment Unique Identifier", id);
        Set("Country/Locality", member.Name);
        Set("Action Plan Number", Invariant(plan.Number));
        Set("Commitment Number", random.NextDouble() switch
        {
            < 0.85 => Invariant(number),
            < 0.97 => string.Create(CultureInfo.InvariantCulture, $"{(number / 4) + 1}.{(number % 4) + 1}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + (number % 5))}.{(number / 5) + 1}.A"),
        });
        Set("Code", member.Code);
        Set("Region", member.Region);
        Set("National Or Local", member.Kind);
        Set("Commitment Dummy", "1");
        Set("Year Of Submission", Invariant(plan.Submission));
        Set("Action Plan End Year", Invariant(plan.End));
        Set("Action Plan Duration (Years)", Invariant(plan.End - plan.Submission));
        Set("Theme", random.NextDouble() < 0.6 ? "NA" : Pick(Themes));
        var title = Cut(Words(topic, 40 + (int)(150 * Math.Pow(random.NextDouble(), 2)), sentence: false), 200);
        Set(Title, title);
        Set("Short Title", random.NextDouble() < 0.3 ? title : Cut(Words(topic, 8 + random.Next(50), sentence: false), 80));
        Set("Full Text", FullText(topic, second));
        var (start, end) = Dates(plan);
        Set("Start Date", start);
        Set("End Date", end);
        Set("Lead Institution", random.NextDouble() switch
        {
            < 0.05 => "NA",
            < 0.85 => Pick(Institutions),
            _ => $"{Pick(Institutions)} (coordinator); {Pick(Institutions)}, {Pick(Institutions)}",
        });
        Set("Supporting Institution(s)", Supporting());
        FillPolicyAreas(plan, topic, second);
        FillIrm(plan, id);
        Set("Updated? (Website)", random.NextDouble() < 0.05 ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 13)}/1/{random.Next(2016, 2025)}") : "0");
        Set("Max star", Pick(["ND", "0", "0", "1"]));
        Set("Midterm Only", Pick(["0", "1", "NR"]));
        Set("Max Completion", Pick(["1", "2", "3", "ND", "NR"]));
        Set("Raw Completion", Pick(["3", "4", "5", "ND", "NR"]));
        Set("High Ambition", Pick(["0", "1", "ND", "NR"]));
        Set("IRM-Based Score", Invariant(random.Next(-1, 5)));
        Set("Binding constraint", Pick(BindingConstraints));
        Set("URL", $"https://opengovpartnership.org/members/{Slug(member.Name)}/commitments/{id.ToLowerInvariant()}");
        Set("Latest IRM Report", random.NextDouble() < 0.85 ? "NA" : Invariant(Math.Min(2024, plan.End + 1)));
        Set("Action Plan ID", plan.Id);
        ogpId += 1 + random.Next(3);
        Set("id", Invariant(ogpId));
    }

    /// <summary>Changes one meaningful cell of the current row, alternately the end-of-term completion and the title.</summary>
    private void Mutate(int index)
    {
        if (index % 2 == 0)
        {
            var completion = column[CompletionEndOfTerm];
            cells[completion] = cells[completion] switch
            {
                "Substantial" => "Complete",
                "Complete" => "Substantial",
                "Limited" => "Substantial",
                _ => "Limited",
            };
        }
        else
        {
            cells[column[Title]] += " (revised)";
        }
    }

    private void FillPolicyAreas(ActionPlan plan, string topic, string? second)
    {
        foreach (var area in policyAreas)
        {
            cells[area] = random.NextDouble() switch { < 0.06 => "1", < 0.065 => "ND", _ => "0" };
        }

        foreach (var area in TopicAreas[topic].Concat(second is null ? [] : TopicAreas[second]))
        {
            if (random.NextDouble() < 0.7)
            {
                Set(area, "1");
            }
        }

        // The newer taxonomy's columns have no data for the plans assessed before it.
        if (plan.Submission < 2020)
        {
            foreach (var area in NewTaxonomy)
            {
                Set(area, "ND");
            }
        }
    }

    /// <summary>The IRM columns, by the methodology of the plan's period; numeric twins follow their text values.</summary>
    private void FillIrm(ActionPlan plan, string id)
    {
        var state = random.NextDouble() < 0.01 ? "NR" : null;
        var old = plan.Submission <= 2017;
        var current = plan.Submission >= 2021;
        var reviewed = plan.End <= 2023;
        Set("Report Publication Year (Progress Report)", state ?? (current ? "ND" : Invariant(Math.Min(2024, plan.Submission + 1))));
        Set("Compound", state ?? (old ? "ND" : Pick(["0", "0", "1"])));
        Set("Cluster", state ?? (old || random.NextDouble() < 0.7 ? "ND" : Pick(["1.2", "B", "6", "3.1.1, 3.1.2"])));
        Twin("Specificity", "_Specificity", state ?? (current ? "ND" : Pick(Specificities)), Specificities[1..], 1);
        Set("Verifiable", state ?? (random.NextDouble() < 0.85 ? "Yes" : "No"));
        foreach (var value in new[] { "OGP Value Access To Information", "OGP Value Civic Participation", "OGP Value Public Accountability", "OGP Value Technology" })
        {
            Set(value, state ?? (current ? "ND" : Pick(["0", "1"])));
        }

        Set("_Relevant", state ?? "1");
        Twin("Potential Impact", "_Potential Impact", state ?? (current ? "ND" : Pick(Impacts)), Impacts[1..], 1);
        Twin("Completion (Progress Report)", "_CompletionProgress", state ?? (old ? Pick(Completions) : "ND"), ["Not Started", "Limited", "Substantial", "Complete"], 2);
        Set("Starred (2015 Only)", state ?? (plan.Submission == 2015 ? Pick(["0", "0", "1"]) : "ND"));
        Set("Starred (Current Formula) Progress Report", state ?? (old ? Pick(["0", "0", "0", "1"]) : "ND"));
        Twin("Potential for Results", "_Potential for Results", state ?? (current ? Pick(ResultsPotential) : "ND"), ["Modest", "Substantial"], 1);
        Set("Cluster (AP Review)", state ?? (current ? Pick(["0", "0", "1"]) : "ND"));
        Set("Cluster Commitment ID(s)", state ?? (!current ? "ND" : random.NextDouble() < 0.8 ? "NA" : $"{id}, {id[..^1]}9"));
        var endOfTerm = state ?? (reviewed ? null : "NR");
        Set("Report Publication Year (End Of Term)", endOfTerm ?? Invariant(Math.Min(2024, plan.End + 1)));
        Twin(CompletionEndOfTerm, "_CompletionEndTerm", endOfTerm ?? (random.NextDouble() < 0.1 ? "ND" : Pick(Completions)), ["Not Started", "Limited", "Substantial", "Complete"], 2);
        Twin("Change In Completion", "_ChangeCompletion", endOfTerm ?? Pick(["ND", "ND", "NA"]), [], 0);
        Twin("Early Results", "_Early Results", endOfTerm ?? (current ? Pick(EarlyResults) : "ND"), EarlyResults[1..], 1);
        Twin("Did It Open Government (Overall)", "_OpenGovernment", endOfTerm ?? (current ? "ND" : Pick(Diog)), Diog[1..], 1);
        Twin("Did It Open Government (Access To Information)", "_DIOGATI", endOfTerm ?? (current ? "ND" : Pick(DiogPart)), DiogPart[2..], 1);
        Twin("Did It Open Government (Civic Participation)", "_DIOGCP", endOfTerm ?? (current ? "ND" : Pick(DiogPart)), DiogPart[2..], 1);
        Twin("Did It Open Government: Public Accountability", "_DIOGPA", endOfTerm ?? (current ? "ND" : Pick(DiogPart)), DiogPart[2..], 1);
        Set("Starred (Current Formula) End of Term", endOfTerm ?? (current ? "ND" : Pick(["0", "0", "0", "1"])));
        Set("Carried Forward", endOfTerm ?? Pick(["0", "0", "1", "ND"]));
    }

    /// <summary>A text value and its numeric twin: states copied; a value's number is its rank in <paramref name="ranked"/> from <paramref name="first"/>; "Not Applicable" and "None" are 0, "Worsened" -1.</summary>
    private void Twin(string name, string twin, string value, string[] ranked, int first)
    {
        Set(name, value);
        var rank = Array.IndexOf(ranked, value);
        Set(twin, value switch
        {
            "NA" or "ND" or "NR" => value,
            "Not Applicable" or "None" or "Unclear" or "No Notable Results" => "0",
            "Worsened" => "-1",
            _ when rank >= 0 => Invariant(first + rank),
            _ => "ND",
        });
    }

    private (string Start, string End) Dates(ActionPlan plan)
    {
        var roll = random.NextDouble();
        var startMonth = Pick([1, 1, 1, 4, 7, 9, 12]);
        var year2 = plan.End % 100;
        return roll switch
        {
            < 0.15 => ("NA", "NA"),
            < 0.27 => ($"{Months[startMonth - 1]} {plan.Submission}", $"{Months[Pick([5, 6, 11])]} {plan.End}"),
            < 0.80 => (Invariant($"{startMonth}/1/{plan.Submission}"), Pick([Invariant($"6/30/{plan.End}"), Invariant($"8/30/{plan.End}"), Invariant($"12/31/{plan.End}"), Invariant($"12/31/{plan.End}")])),
            < 0.86 => (Invariant($"1/{Pick([3, 9, 10])}/{plan.Submission}"), Invariant($"31/12/{plan.End}")),
            < 0.93 => (Invariant($"{startMonth}/1/{plan.Submission % 100:00}"), Invariant($"8/30/{year2:00}")),
            < 0.97 => (Invariant($"Q{random.Next(1, 5)} {plan.Submission}"), Invariant($"Quarter {random.Next(1, 5)} {plan.End}")),
            _ => (Invariant(plan.Submission), Invariant(plan.End)),
        };
    }

    private string Supporting()
    {
        var roll = random.NextDouble();
        if (roll < 0.3)
        {
            return "NA";
        }

        var count = 1 + random.Next(roll < 0.8 ? 3 : 8);
        var separator = Pick([", ", "; ", "\n", "\n• "]);
        return string.Join(separator, Enumerable.Range(0, count).Select(_ => Pick(Institutions)));
    }

    /// <summary>Sections of sentences, some milestone lists with tabs: log-normal length around 2 KB (median), from ~150 chars to ~15 KB.</summary>
    private string FullText(string topic, string? second)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var length = (int)Math.Clamp(2000 * Math.Exp(0.8 * normal), 150, 15_000);
        text.Clear();
        var section = 0;
        while (text.Length < length)
        {
            if (text.Length > 0)
            {
                text.Append(random.NextDouble() < 0.8 ? "\n" : "; ");
            }

            if (random.NextDouble() < 0.15 && text.Length > 0)
            {
                text.Append("Milestones:");
                for (var m = 1; m <= 2 + random.Next(4); m++)
                {
                    text.Append("\n\t").Append(m).Append(". ").Append(Words(random.NextDouble() < 0.5 || second is null ? topic : second, 30 + random.Next(90), sentence: true));
                }

                continue;
            }

            text.Append(Sections[section++ % Sections.Length]);
            for (var s = 0; s < 2 + random.Next(5) && text.Length < length; s++)
            {
                text.Append(Words(random.NextDouble() < 0.7 || second is null ? topic : second, 60 + random.Next(160), sentence: true)).Append(' ');
            }

            text.Length--;
        }

        return text.ToString();
    }

    /// <summary>About <paramref name="length"/> characters of words, a sixth of them on the topic; a sentence ends with a full stop.</summary>
    private string Words(string topic, int length, bool sentence)
    {
        var words = new StringBuilder(length + 32);
        var topical = TopicWords[topic];
        while (words.Length < length)
        {
            if (words.Length > 0)
            {
                words.Append(random.NextDouble() < 0.06 ? ", " : " ");
            }

            var roll = random.NextDouble();
            words.Append(roll switch
            {
                < 0.16 => Pick(topical),
                < 0.17 => Pick(Rare),
                < 0.175 => "\"open by default\"",
                _ => Pick(Common),
            });
        }

        words[0] = char.ToUpperInvariant(words[0]);
        return sentence ? words.Append('.').ToString() : words.ToString();
    }

    private void Set(string name, string value) => cells[column[name]] = value;

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];

    /// <summary>One CSV record: RFC 4180 quoting for cells with a comma, quote, CR or LF; CRLF between records, as OGP's export.</summary>
    private static void WriteRecord(StreamWriter writer, IReadOnlyList<string> record)
    {
        for (var i = 0; i < record.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var value = record[i].AsSpan();
            if (value.IndexOfAny(",\"\r\n") < 0)
            {
                writer.Write(value);
                continue;
            }

            writer.Write('"');
            for (var quote = value.IndexOf('"'); quote >= 0; quote = value.IndexOf('"'))
            {
                writer.Write(value[..(quote + 1)]);
                writer.Write('"');
                value = value[(quote + 1)..];
            }

            writer.Write(value);
            writer.Write('"');
        }

        writer.Write("\r\n");
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary.</summary>
    private static string Cut(string value, int max) =>
        value.Length <= max ? value : value[..value.LastIndexOf(' ', max - 1)];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Slug(string name) =>
        string.Join('-', name.ToLowerInvariant().Split([' ', ',', '\''], StringSplitOptions.RemoveEmptyEntries));
}
