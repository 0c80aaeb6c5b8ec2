using CommitmentTracker.Web.Forms;

namespace CommitmentTracker.Web.Components.Forms;

/// <summary>The attributes that tie a field to its messages: <c>aria-invalid</c> and <c>aria-describedby</c>.</summary>
internal static class FormView
{
    public static string ErrorId(string formId, string name) => $"{formId}-{name.Replace('.', '-')}-error";

    public static string? Invalid(PostedForm? form, string name) => form?.ErrorsOf(name).Count > 0 ? "true" : null;

    /// <summary>The help text's id and, when the API refused the field, its messages' id.</summary>
    public static string? DescribedBy(PostedForm? form, string name, string? helpId = null)
    {
        var ids = new List<string>();
        if (helpId is not null)
        {
            ids.Add(helpId);
        }

        if (form?.ErrorsOf(name).Count > 0)
        {
            ids.Add(ErrorId(form.Id, name));
        }

        return ids.Count == 0 ? null : string.Join(' ', ids);
    }
}
