namespace CommitmentTracker.Messaging;

/// <summary>
/// Lets one batch at a time hold a key (hashed into a fixed number of slots), whichever queue it came from: two
/// batches about the same member never run their effects and saves side by side in this process. A batch takes the
/// slots of all its keys in ascending order, so two batches never wait on each other in a cycle.
/// </summary>
public sealed class KeyedGate
{
    private readonly SemaphoreSlim[] slots;

    public KeyedGate(int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        this.slots = [.. Enumerable.Range(0, slots).Select(_ => new SemaphoreSlim(1, 1))];
    }

    /// <summary>Waits for the slots of <paramref name="keys"/>; disposing the result releases them.</summary>
    public async Task<IDisposable> EnterAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.Select(SlotOf).Distinct().Order().ToArray();
        var held = new List<SemaphoreSlim>(wanted.Length);
        try
        {
            foreach (var slot in wanted)
            {
                await slots[slot].WaitAsync(cancellationToken);
                held.Add(slots[slot]);
            }
        }
        catch
        {
            Release(held);
            throw;
        }

        return new Held(held);
    }

    // string.GetHashCode is randomised per process, which is fine: slots only matter within it.
    private int SlotOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)slots.Length);

    private static void Release(List<SemaphoreSlim> held)
    {
        foreach (var slot in held)
        {
            slot.Release();
        }

        held.Clear();
    }

    private sealed class Held(List<SemaphoreSlim> held) : IDisposable
    {
        public void Dispose() => Release(held);
    }
}
