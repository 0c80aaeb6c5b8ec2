namespace CommitmentTracker.Edge.Data;

/// <summary>
/// The key store's one revocation counter (one row, <see cref="SingleId"/>): every revocation raises it in the
/// transaction that revokes. Each process that caches keys (several gateway instances share one store) reads it on
/// every request, a primary-key read, and drops its cached keys when it has moved.
/// </summary>
internal sealed class KeyStoreGeneration
{
    public const int SingleId = 1;

    public int Id { get; set; }

    public long Revocations { get; set; }
}
