namespace CommitmentTracker.ActionPlans.Imports;

/// <summary>The file as a whole is refused (duplicate ids, unreadable content): nothing is written.</summary>
internal sealed class ImportRejectedException(string message, Exception? inner = null) : Exception(message, inner);
