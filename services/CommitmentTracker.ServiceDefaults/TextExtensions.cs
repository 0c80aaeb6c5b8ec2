using System.Diagnostics.CodeAnalysis;

namespace CommitmentTracker.ServiceDefaults;

public static class TextExtensions
{
    /// <summary>The text cut to <paramref name="maxLength"/> characters: values stored in bounded columns are cut rather than failing the write.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Clip(this string? value, int maxLength) =>
        value is { } text && text.Length > maxLength ? text[..maxLength] : value;
}
