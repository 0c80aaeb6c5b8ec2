namespace CommitmentTracker.Web;

/// <summary>The workspace's labels and messages: Resources/Text.resx (English), Text.es.resx, Text.fr.resx.</summary>
internal sealed class Text;
