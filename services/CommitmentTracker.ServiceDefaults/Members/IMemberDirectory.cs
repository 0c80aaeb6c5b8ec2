namespace CommitmentTracker.ServiceDefaults.Members;

/// <summary>
/// Which OGP members ActionPlans knows. A service that learns members from events (Notifications) asks it about codes its
/// own projection has not heard of yet, so a person can follow a member as soon as the import that added it has
/// completed rather than when the events reach that service. ActionPlans answers in process in the embedded host and over
/// HTTP in distributed mode.
/// </summary>
public interface IMemberDirectory
{
    /// <summary>
    /// The codes among <paramref name="codes"/> (upper case) that ActionPlans knows.
    /// Throws <see cref="Http.DependencyUnavailableException"/> when ActionPlans cannot be asked.
    /// </summary>
    Task<IReadOnlyCollection<string>> FindKnownAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken);
}
