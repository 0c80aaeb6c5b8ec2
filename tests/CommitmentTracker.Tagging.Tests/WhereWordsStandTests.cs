using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Tagging.Data;
using CommitmentTracker.Tagging.Suggestions;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>Where a word stands (the text's parts), the context of a match (requires, excludes, window) and the calibration's arithmetic.</summary>
public sealed class WhereWordsStandTests
{
    private static SuggestionRule Rule(string id, string tag, double confidence, string[] phrases, string[]? requires = null, string[]? excludes = null, int window = 6, string kind = RuleKind.Phrase) => new()
    {
        Id = id, TagId = tag, Kind = kind, Confidence = confidence, Phrases = string.Join('\n', phrases),
        Requires = string.Join('\n', requires ?? []), Excludes = string.Join('\n', excludes ?? []), Window = window,
    };

    [Fact]
    public void The_text_is_split_into_objective_body_milestones_and_institutions_in_the_template_languages()
    {
        var text = new CommitmentText(
            "Titre",
            "Objectif : publier les contrats.\nInformations complémentaires : un portail existe.\nJalons : lancement de l'appel d'offres (mars 2025)\nInstitution responsable : Agence des marchés publics",
            []);

        var parts = TextParts.Split(text).Select(s => (s.Part, s.Text.Trim())).ToList();

        Assert.Equal(("title", "Titre"), parts[0]);
        Assert.Contains(parts, p => p.Part == "objective" && p.Item2.Contains("publier les contrats", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Part == "body" && p.Item2.Contains("un portail existe", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Part == "milestones" && p.Item2.Contains("appel d'offres", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Part == "institutions" && p.Item2.Contains("Agence des marchés publics", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lead_institution_is_masked_and_a_dated_line_of_the_body_is_a_milestone()
    {
        var text = new CommitmentText(
            "Citizen budget",
            "We will publish a citizen budget every year.\nAdditional information: the Public Procurement Agency will help.\nProcurement of printing services – May 2025",
            [], LeadInstitution: "Ministry of Finance; Public Procurement Agency");

        var parts = TextParts.Split(text);

        Assert.DoesNotContain(parts, p => p.Text.Contains("Public Procurement Agency", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Part == "milestones" && p.Text.Contains("printing services", StringComparison.Ordinal));
    }

    [Fact]
    public void A_match_counts_only_with_a_required_word_near_it_and_no_excluded_one()
    {
        var engine = new SuggestionEngine([Rule("pp", "public-procurement", 0.7, ["procurement"], requires: ["reform*", "law"], excludes: ["cameras"], window: 3)]);

        Assert.Single(engine.Find(new CommitmentText("Procurement law reform", null, [])));
        Assert.Empty(engine.Find(new CommitmentText("Procurement of cameras under the new law", null, [])));
        Assert.Empty(engine.Find(new CommitmentText("Procurement for the city, with a long list of words before the law", null, [])));
        Assert.Empty(engine.Find(new CommitmentText("Procurement. Reform of the police", null, [])));
    }

    [Fact]
    public void Where_the_strongest_match_stands_decides_the_kind_of_evidence_and_an_exclude_rule_contradicts_the_flag()
    {
        var mappings = new[] { new PolicyAreaMapping { TagId = "public-procurement", PolicyAreas = "Public Procurement" } };
        var engine = new SuggestionEngine(
            [Rule("pp", "public-procurement", 0.7, ["procurement"]), Rule("mining", "public-procurement", 0.5, ["mining"], kind: RuleKind.Exclude)], mappings);

        string? Kind(string title, string? text, params string[] flags) => engine.Find(new CommitmentText(title, text, flags)).SingleOrDefault()?.EvidenceKind;

        Assert.Equal("text", Kind("Procurement reform", null));
        Assert.Equal("body-text", Kind("Budget", "Objective: a citizen budget.\nAdditional information: procurement reform follows."));
        Assert.Equal("weak-text", Kind("Budget", "Objective: a citizen budget.\nMilestones: procurement notice (May 2025)"));
        Assert.Equal("flag+text", Kind("Procurement reform", null, "Public Procurement"));
        Assert.Equal("flag", Kind("Budget", null, "Public Procurement"));
        Assert.Equal("flag-contradicted", Kind("Disclose mining licences", null, "Public Procurement"));
        Assert.Null(Kind("Disclose mining licences", null));
    }

    [Fact]
    public void Evidence_says_where_the_words_stand()
    {
        var engine = new SuggestionEngine([Rule("pp", "public-procurement", 0.7, ["procurement"])]);

        var finding = Assert.Single(engine.Find(new CommitmentText("Procurement", "Objective: procurement data.", [])));

        Assert.Equal(
            [new SuggestionEvidence("pp", "title", "Procurement") { Part = "title" }, new SuggestionEvidence("pp", "fullText", "procurement") { Part = "objective" }],
            finding.Evidence);
    }

    [Fact]
    public void The_calibration_moves_from_the_rules_estimate_to_the_labelled_examples_to_liaisons_decisions()
    {
        var finding = new TagFinding("public-procurement", "text", "pp", 0.7, []);

        var bare = CalibrationTable.Empty.Rate(finding);
        var labelled = new CalibrationTable([new CalibrationPrior { TagId = "public-procurement", EvidenceKind = "text", Accepted = 0, Rejected = 40 }], []).Rate(finding);
        var accepted = new CalibrationTable(
            [new CalibrationPrior { TagId = "public-procurement", EvidenceKind = "text", Accepted = 0, Rejected = 40 }],
            [new DecisionCount("public-procurement", "text", "pp", 30, 0)]).Rate(finding);

        Assert.Equal(0.7, bare.Confidence);
        // 40 labelled rejections weigh as 20 decisions: (0 + 2·0.7) / (20 + 2).
        Assert.Equal(0.06, labelled.Confidence);
        Assert.Equal((0, 40), (labelled.Calibration.LabelledAccepted, labelled.Calibration.LabelledRejected));
        // 30 acceptances of the tag and kind, all by this rule: p₁ = (30 + 1.4) / (20 + 30 + 2) = 0.604; p₂ = (30 + 5·p₁) / 35.
        Assert.Equal(0.94, accepted.Confidence);
        Assert.Equal((30, 0, 30, 0), (accepted.Calibration.Accepted, accepted.Calibration.Rejected, accepted.Calibration.RuleAccepted, accepted.Calibration.RuleRejected));
    }
}
