using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace IncidentHub.Web.Pages;

/// <summary>
/// Review text is Markdown, rendered safely: raw HTML in it is shown as text, and the result is
/// sanitized again (no script, no event handlers, no javascript: links).
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static IHtmlContent Render(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown)
            ? HtmlString.Empty
            : new HtmlString(Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline)));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.PostProcessNode += (_, node) =>
        {
            if (node.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
