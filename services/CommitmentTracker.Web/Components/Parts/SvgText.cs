using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CommitmentTracker.Web.Components.Parts;

/// <summary>An SVG <c>&lt;text&gt;</c> element: Razor reads a literal <c>&lt;text&gt;</c> tag as its own transition marker.</summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired] public double X { get; set; }

    [Parameter, EditorRequired] public double Y { get; set; }

    /// <summary><c>start</c> (default), <c>middle</c> or <c>end</c>.</summary>
    [Parameter] public string? Anchor { get; set; }

    [Parameter] public string Class { get; set; } = "chart-text";

    [Parameter, EditorRequired] public string Text { get; set; } = string.Empty;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", Format.Svg(X));
        builder.AddAttribute(2, "y", Format.Svg(Y));
        if (Anchor is not null)
        {
            builder.AddAttribute(3, "text-anchor", Anchor);
        }

        builder.AddAttribute(4, "class", Class);
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}
