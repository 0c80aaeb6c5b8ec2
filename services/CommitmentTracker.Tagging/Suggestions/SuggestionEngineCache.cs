using System.Globalization;
using CommitmentTracker.Tagging.Data;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>Compiles the rule set once and again only when an admin changed a rule or a policy-area mapping (its id, version or state).</summary>
internal sealed class SuggestionEngineCache
{
    private readonly Lock gate = new();
    private (string Key, SuggestionEngine Engine)? current;

    public async Task<SuggestionEngine> GetAsync(TaggingDb db, CancellationToken cancellationToken)
    {
        var rules = await db.SuggestionRules.AsNoTracking().ToListAsync(cancellationToken);
        var mappings = await db.PolicyAreas.AsNoTracking().ToListAsync(cancellationToken);
        return Get(rules, mappings);
    }

    public SuggestionEngine Get(IReadOnlyList<SuggestionRule> rules, IReadOnlyList<PolicyAreaMapping> mappings)
    {
        var key = string.Join('|', rules.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}:{r.Version}:{r.Enabled}"))
            .Concat(mappings.OrderBy(m => m.TagId, StringComparer.Ordinal).Select(m => string.Create(CultureInfo.InvariantCulture, $"map:{m.TagId}:{m.Version}"))));
        lock (gate)
        {
            if (current is { } cached && cached.Key == key)
            {
                return cached.Engine;
            }
        }

        var engine = new SuggestionEngine(rules, mappings);
        lock (gate)
        {
            current = (key, engine);
        }

        return engine;
    }
}
