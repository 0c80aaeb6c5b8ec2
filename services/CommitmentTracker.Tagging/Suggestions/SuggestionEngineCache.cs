using System.Globalization;
using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>Compiles the rule set once and again only when an admin changed a rule (its id, version or state).</summary>
internal sealed class SuggestionEngineCache
{
    private readonly Lock gate = new();
    private (string Key, SuggestionEngine Engine)? current;

    public async Task<SuggestionEngine> GetAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        var rules = await db.SuggestionRules.AsNoTracking().ToListAsync(cancellationToken);
        return Get(rules);
    }

    public SuggestionEngine Get(IReadOnlyList<SuggestionRule> rules)
    {
        var key = string.Join('|', rules.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}:{r.Version}:{r.Enabled}")));
        lock (gate)
        {
            if (current is { } cached && cached.Key == key)
            {
                return cached.Engine;
            }
        }

        var engine = new SuggestionEngine(rules);
        lock (gate)
        {
            current = (key, engine);
        }

        return engine;
    }
}
