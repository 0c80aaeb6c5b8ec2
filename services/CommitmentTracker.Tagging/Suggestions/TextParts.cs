using System.Buffers;
using System.Text.RegularExpressions;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// Splits a commitment's full text into parts (<see cref="TextPart"/>) by the headings OGP's action-plan templates use,
/// in English, Spanish, French, Portuguese and Russian. The heuristic, in order:
/// <list type="number">
/// <item>The lead and supporting institutions (split at <c>,</c> <c>;</c> bullets and line breaks) and the theme are masked
/// wherever they appear in the text, when they have two words or more: a name is never evidence.</item>
/// <item>A heading starts a section when it opens a line (after optional bullets or numbering) or follows
/// <c>. ; ? ! |</c> or a tab, and is followed by <c>: ? | –</c>, a tab or a line break. Its kind decides the part:
/// objective (main objective, problem, what is the commitment…), body (how it contributes, additional information),
/// relevance (OGP values, challenges, themes ticked), milestones (milestones, activities, start date…), institutions
/// (lead institution, other actors, contact…) or theme (an "Axis 2: …" line).</item>
/// <item>The text before the first heading is objective. Objective sections keep their first
/// <see cref="ObjectiveLength"/> characters, relevance <see cref="RelevanceLength"/>, institution sections
/// <see cref="InstitutionsLength"/> and theme lines <see cref="ThemeLength"/>; the rest of each is body.</item>
/// <item>In the body, a line of at most <see cref="MilestoneLineLength"/> characters that carries a date (a month and
/// a year, a quarter, dd/mm/yyyy or mm/yyyy) is a milestone: real texts flatten milestone tables into such lines.</item>
/// </list>
/// </summary>
internal static partial class TextParts
{
    public const int ObjectiveLength = 700;
    public const int RelevanceLength = 800;
    public const int InstitutionsLength = 400;
    public const int ThemeLength = 200;
    public const int MilestoneLineLength = 400;

    private const string Start = @"(?:^[ \t\-–•*\d.)]*|(?<=[.;?!|\t])[ ]*)";
    private const string Delimiter = @"(?=[ ]*[:?\n\t|–—]|[ ]*$)";
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly string[] Objective =
    [
        @"(?:main|primary|general|specific|policy) objectives?", "objectives?", "purpose", "ambition", @"status quo(?: or problem(?: / issue being addressed)?)?",
        "commitment description", "description of (?:the )?commitment", "brief description(?: of the commitment)?", "short description",
        "what is the commitment", "what is the (?:public )?problem(?: that the commitment (?:will|aims to) address| addressed by (?:this|the) commitment)?",
        "what problem does the commitment aim to address", "problem(?: addressed| definition| to be addressed|/issue to be addressed)?", "issue to (?:be )?address(?:ed)?", "commitment(?: text)?",
        "objetivos?(?: (?:principal|general|específico)s?)?", "¿?cuál es el compromiso", "descripción del compromiso", "breve descripción(?: del compromiso)?",
        "¿?cuál es la problemática(?: que el compromiso aborda)?", "problemática", "compromiso",
        "objectifs?(?: (?:principal|général|spécifique)s?)?", "description de l['’]engagement", "quel est l['’]engagement", "engagement", "problématique", "statu quo",
        "objetivos?(?: (?:principal|geral|específico)s?)?", "qual é o compromisso", "descrição do compromisso", "compromisso", "problema",
        "цел[ьи]", "описание обязательства", "в ч[её]м состоит обязательство", "обязательство", "проблема",
    ];

    private static readonly string[] Body =
    [
        @"how (?:will|does) (?:the|this) commitment contribute[^\n?:]*", "additional information", "commitment analysis", @"what results[^\n?:]*",
        @"¿?cómo contribuirá[^\n?:]*", "información adicional", @"comment l['’]engagement contribue[^\n?:]*", "informations? complémentaires?",
        @"como o compromisso contribuirá[^\n?:]*", "informaç(?:ão|ões) adiciona(?:l|is)", "дополнительная информация",
    ];

    private static readonly string[] Relevance =
    [
        @"why is (?:this|the) commitment relevant[^\n?:]*", "relevance(?: to OGP values)?", "OGP values?(?: and themes)?", "OGP (?:grand )?challenges?(?: addressed(?: by the commitment)?)?",
        @"which OGP challenges[^\n?:]*", @"(?:relevant )?themes?(?: \(tick\))?", "thematic area ticked", "it is important to improve",
        @"¿?por qué es relevante[^\n?:]*", "relevancia(?: frente a los valores de OGP)?", "valores (?:y temas|de OGP)", "desafíos? de OGP(?: (?:que atiende el compromiso|atendidos))?", "temas marcados",
        "pertinence(?: au regard des valeurs du PGO)?", "valeurs du PGO", "défis? du PGO(?: concerné)?", "thèmes(?: cochés)?",
        "relevância", "valores (?:da )?OGP", "desafio (?:da )?OGP", "temas (?:relacionados|assinalados)",
        @"значимость[^\n:]*", "связь с ценностями ОГП", "вызовы? ОГП", "тематика", "ключевые темы",
    ];

    private static readonly string[] Milestones =
    [
        "milestones?(?: and deadlines)?", "milestone activit(?:y|ies)(?: with a verifiable deliverable)?", @"verifiable and measurable milestones[^\n:]*", "key activities",
        "activit(?:y|ies)(?: and deliverables)?", "implementing activity", "deliverables?", "timeline", "start date", "end date", "commitment milestones",
        "hitos?", "actividades(?: y entregables)?", "fecha de inicio", "fecha de término",
        "jalons?", @"activités(?: et calendrier| / jalons[^\n]*)?", "date de début",
        "marcos?(?: e prazos)?", "atividades", "data de início",
        "этапы(?: реализации)?", "мероприятия", "сроки", "дата начала",
    ];

    private static readonly string[] Institutions =
    [
        "lead(?:ing)? (?:implementing )?(?:agenc(?:y|ies)|institutions?|organi[sz]ations?)(?:/actor)?", "lead implementing agency/actor", "lead",
        "responsible (?:institutions?|agenc(?:y|ies)|authority|body)", "supporting institutions?", "other (?:participants|actors|stakeholders)(?: involved)?(?: – (?:government|civil society))?",
        "state actors involved", "csos, private sector, multilaterals, working groups", "contact information", "implementing agency", "partners", "participants",
        "instituci[óo]n(?: o actor)? responsable(?: de la implementación)?", "actor responsable", "otros actores(?: involucrados)?(?: — (?:gobierno|sociedad civil))?", "actores", "instituciones de apoyo",
        "institution responsable", "institutions d['’]appui", "autres acteurs(?: impliqués)?", "partenaires",
        "órgão responsável", "instituições participantes", "outros atores(?: envolvidos)?",
        "ответственный исполнитель", "исполнители", "соисполнители", "участники", "другие участники",
        "leader of the measure", @"person responsible[^\n]*",
    ];

    private const string Theme = @"^[ \t]*(?:axis|pillar|thematic area|eje(?: temático)?|pilar|axe|pilier|eixo(?: temático)?|направление|раздел плана)\s*\d*\s*[:.–—-][^\n]*";

    private const string Months =
        "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|" +
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|" +
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|" +
        "janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|fev|abr|ago|set|out|dez|" +
        "январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]";

    /// <summary>The heading patterns, each with the part it starts and how much of that part to keep (0: all of it, as body).</summary>
    internal static readonly (string Pattern, string Part, int Length)[] HeadingPatterns =
    [
        (Theme, TextPart.Theme, ThemeLength),
        (Heading(Institutions), TextPart.Institutions, InstitutionsLength),
        (Heading(Milestones), TextPart.Milestones, 0),
        (Heading(Relevance), TextPart.Relevance, RelevanceLength),
        (Heading(Body), TextPart.Body, 0),
        (Heading(Objective), TextPart.Objective, ObjectiveLength),
    ];

    // Anchored (\G) and tried only where a heading can start (HeadingStarts): scanning every position of every text
    // with six long alternations was nearly half of the suggestion engine's time.
    private static readonly (Regex Regex, string Part, int Length)[] Headings =
        [.. HeadingPatterns.Select(h => (new Regex(@"\G(?:" + h.Pattern + ")", Options, MatchTimeout), h.Part, h.Length))];

    /// <summary>The characters after which a heading may start (besides the text's start): a line break, or what <see cref="Start"/>'s look-behind allows.</summary>
    private static readonly SearchValues<char> BeforeHeading = SearchValues.Create("\n.;?!|\t");

    private static readonly Regex Date = new(
        $@"(?:(?:{Months})\.?\s*(?:de\s+|/)?\s*\d{{4}}|\b[QT][1-4]\s*\d{{4}}|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}/\d{{4}}\b|\b(?:I{{1,3}}|IV)\s+квартал|\bquarter\b|\btrimestre\b)",
        Options, MatchTimeout);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>The title, then the full text's segments in order.</summary>
    public static IReadOnlyList<TextSegment> Split(CommitmentText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment> { new(TextPart.Title, text.Title) };
        var masked = Mask(text.FullText ?? string.Empty, [.. Names(text.LeadInstitution), .. Names(text.SupportingInstitutions), .. ThemeName(text.Theme)]);
        var cuts = FindHeadings(masked);
        var first = cuts.Count > 0 ? cuts[0].Start : masked.Length;
        if (!string.IsNullOrWhiteSpace(masked[..first]))
        {
            AddSection(segments, TextPart.Objective, masked[..first], ObjectiveLength);
        }

        for (var i = 0; i < cuts.Count; i++)
        {
            var end = i + 1 < cuts.Count ? cuts[i + 1].Start : masked.Length;
            AddSection(segments, cuts[i].Part, masked[cuts[i].Start..end], cuts[i].Length);
        }

        return segments;
    }

    /// <summary>The names of an institutions cell: entries of two words or more, split at separators and bullets.</summary>
    internal static IEnumerable<string> Names(string? institutions) =>
        string.IsNullOrWhiteSpace(institutions)
            ? []
            : NameSeparator().Split(institutions).Select(n => n.Trim(' ', '.', '(', ')', '\t')).Where(n => n.Length >= 8 && n.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2);

    private static IEnumerable<string> ThemeName(string? theme) => theme?.Trim() is { Length: >= 8 } name ? [name] : [];

    /// <summary>
    /// Blanks every occurrence of the names (any case, any whitespace between words), keeping positions. Read as one
    /// regular expression of the names, longest first, would read it: from the left, at each place the longest name found
    /// there, then on after it. Without building that expression: the names differ from one commitment to the next, and
    /// building a regular expression per commitment cost a tenth of the suggestion rules' time.
    /// </summary>
    internal static string Mask(string text, IReadOnlyCollection<string> names)
    {
        if (text.Length == 0 || names.Count == 0)
        {
            return text;
        }

        // A name whose first word is not in the text finds no place below: no need to look for it first.
        var longestFirst = names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .OrderByDescending(words => words.Sum(w => w.Length + 1))
            .ToList();
        var found = new List<(int Start, int End, int Rank)>();
        for (var rank = 0; rank < longestFirst.Count; rank++)
        {
            var words = longestFirst[rank];
            for (var at = text.IndexOf(words[0], StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(words[0], at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (EndOfName(text, at + words[0].Length, words) is >= 0 and var end)
                {
                    found.Add((at, end, rank));
                }
            }
        }

        if (found.Count == 0)
        {
            return text;
        }

        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Rank.CompareTo(b.Rank));
        var masked = text.ToCharArray();
        var lastEnd = 0;
        foreach (var (start, end, _) in found)
        {
            if (start >= lastEnd)
            {
                masked.AsSpan(start, end - start).Fill(' ');
                lastEnd = end;
            }
        }

        return new string(masked);
    }

    /// <summary>Where a name whose first word ends at <paramref name="at"/> ends: each further word after whitespace; -1 when one is missing.</summary>
    private static int EndOfName(string text, int at, string[] words)
    {
        for (var w = 1; w < words.Length; w++)
        {
            var next = at;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next == at || !text.AsSpan(next).StartsWith(words[w], StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            at = next + words[w].Length;
        }

        return at;
    }

    /// <summary>
    /// Where headings cut the text: every match of every heading pattern, as <see cref="Regex.Matches(string)"/> of the
    /// unanchored pattern would find them (each pattern's matches do not overlap), then the overlaps resolved.
    /// </summary>
    internal static List<(int Start, string Part, int Length)> FindHeadings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = HeadingStarts(text);
        var found = new List<(int Start, int End, string Part, int Length)>();
        foreach (var (regex, part, length) in Headings)
        {
            var end = 0;
            foreach (var start in starts)
            {
                if (start >= end && regex.Match(text, start) is { Success: true } match)
                {
                    end = match.Index + match.Length;
                    found.Add((match.Index, end, part, length));
                }
            }
        }

        var cuts = new List<(int Start, string Part, int Length)>();
        var lastEnd = -1;
        foreach (var heading in found.OrderBy(h => h.Start).ThenByDescending(h => h.End))
        {
            // Of overlapping headings the first wins; of two at the same place, the longer (the more specific).
            if (heading.Start < lastEnd)
            {
                continue;
            }

            cuts.Add((heading.Start, heading.Part, heading.Length));
            lastEnd = heading.End;
        }

        return cuts;
    }

    private static void AddSection(List<TextSegment> segments, string part, string section, int length)
    {
        if (length > 0 && section.Length > length)
        {
            segments.Add(new TextSegment(part, section[..length]));
            AddBody(segments, section[length..]);
        }
        else if (part == TextPart.Body)
        {
            AddBody(segments, section);
        }
        else
        {
            segments.Add(new TextSegment(part, section));
        }
    }

    /// <summary>Body text, with its dated lines as milestones.</summary>
    private static void AddBody(List<TextSegment> segments, string body)
    {
        var lines = new List<string>();
        foreach (var line in body.Split('\n'))
        {
            if (line.Length <= MilestoneLineLength && Date.IsMatch(line))
            {
                Flush();
                segments.Add(new TextSegment(TextPart.Milestones, line));
            }
            else
            {
                lines.Add(line);
            }
        }

        Flush();

        void Flush()
        {
            if (lines.Count > 0)
            {
                segments.Add(new TextSegment(TextPart.Body, string.Join('\n', lines)));
                lines.Clear();
            }
        }
    }

    private static string Heading(string[] words) => Start + "(?:" + string.Join('|', words) + ")" + Delimiter;

    /// <summary>Every position a heading can start at: the text's start, and after a line break or one of <c>. ; ? ! |</c> or a tab.</summary>
    private static List<int> HeadingStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var at = text.AsSpan().IndexOfAny(BeforeHeading); at >= 0 && at + 1 < text.Length;)
        {
            starts.Add(at + 1);
            var next = text.AsSpan(at + 1).IndexOfAny(BeforeHeading);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return starts;
    }

    [GeneratedRegex(@"[;,\n•\u2022\u25AA\u25CF\uF0B7\uF0A7·●▪]|\s{2,}")]
    private static partial Regex NameSeparator();
}
