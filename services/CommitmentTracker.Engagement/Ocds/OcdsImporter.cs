using CommitmentTracker.Persistence;
using CommitmentTracker.Engagement.Assessment;
using CommitmentTracker.Engagement.Data;
using CommitmentTracker.Engagement.Members;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Ocds;

/// <summary>A registry country name that maps to no member, and the publications that carry it.</summary>
internal sealed record UnmappedCountry(string Country, IReadOnlyList<int> PublicationIds);

/// <summary>What an import stored, what could not be mapped, and which members were reassessed.</summary>
internal sealed record OcdsImportResult(
    string Source, DateTimeOffset ImportedAt, int Publications, int Mapped, IReadOnlyList<UnmappedCountry> Unmapped, IReadOnlyList<string> MembersReassessed);

/// <summary>
/// Replaces the stored registry publications with a file's (the registry lists them all, so one missing from the file
/// is gone) and reassesses every member that had or now has a publication, in one <c>SaveChanges</c>: an import is
/// applied whole or not at all. The members concerned are held (<see cref="MemberGate"/>) from their reassessment to the
/// save, so an import's events being applied meanwhile never make it fail.
/// </summary>
internal sealed class OcdsImporter(CountryNames names, EngagementAssessor assessor, MemberGate gate, TimeProvider time)
{
    public Task<OcdsImportResult> ImportAsync(EngagementDb db, IReadOnlyList<RegistryPublication> file, string source, CancellationToken cancellationToken) =>
        MemberGate.RunAsync(db, () => ImportOnceAsync(db, file, source, cancellationToken));

    private async Task<OcdsImportResult> ImportOnceAsync(EngagementDb db, IReadOnlyList<RegistryPublication> file, string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var resolve = await names.ResolverAsync(db, cancellationToken);
        var stored = await db.OcdsPublications.ToDictionaryAsync(p => p.Id, cancellationToken);
        var affected = new SortedSet<string>(stored.Values.Where(p => p.MemberCode is not null).Select(p => p.MemberCode!), StringComparer.Ordinal);
        var unmapped = new List<RegistryPublication>();

        foreach (var item in file)
        {
            if (!stored.Remove(item.Id, out var publication))
            {
                publication = new OcdsPublication { Id = item.Id, Title = item.Title, Country = item.Country };
                db.OcdsPublications.Add(publication);
            }

            publication.Title = item.Title;
            publication.Country = item.Country;
            publication.MemberCode = resolve(item.Country);
            publication.Region = item.Region;
            publication.SourceId = item.SourceId;
            publication.SourceUrl = item.SourceUrl;
            publication.LastRetrieved = item.LastRetrieved;
            publication.DateFrom = item.DateFrom;
            publication.DateTo = item.DateTo;
            publication.Frozen = item.Frozen;
            publication.Stages = StoredLines.Join(item.Stages);
            publication.ImportedAt = now.UtcDateTime;
            if (publication.MemberCode is not null)
            {
                affected.Add(publication.MemberCode);
            }
            else
            {
                unmapped.Add(item);
            }
        }

        db.OcdsPublications.RemoveRange(stored.Values);

        var reassessed = new List<string>();
        using (await gate.EnterAsync(affected, cancellationToken))
        {
            foreach (var code in affected)
            {
                if (await db.Members.AnyAsync(m => m.Code == code, cancellationToken))
                {
                    await assessor.ReassessAsync(db, code, $"ocds-import {source}", [], cancellationToken);
                    reassessed.Add(code);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var unmappedNames = unmapped
            .GroupBy(p => p.Country, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnmappedCountry(g.Key, [.. g.Select(p => p.Id).Order()]))
            .ToList();
        return new OcdsImportResult(source, now, file.Count, file.Count - unmapped.Count, unmappedNames, reassessed);
    }
}
