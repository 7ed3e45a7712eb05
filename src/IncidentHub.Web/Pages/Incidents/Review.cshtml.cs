using System.Text;
using IncidentHub.Web.Features.Reviews;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages.Incidents;

/// <summary>
/// The whole review of one incident as a document, in GitLab's template's order: to read before the review meeting,
/// to print (its print style leaves out everything but the document) or to take away as Markdown. It is edited in the
/// incident's learnings view.
/// </summary>
public sealed class ReviewModel(ISender sender) : PageModel
{
    [FromRoute]
    public long Number { get; set; }

    public ReviewDocument Document { get; private set; } = null!;

    public async Task OnGetAsync() => Document = await sender.Send(new GetReview(Number), HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetMarkdownAsync()
    {
        Document = await sender.Send(new GetReview(Number), HttpContext.RequestAborted);
        return File(
            Encoding.UTF8.GetBytes(ReviewMarkdown.Write(Document)),
            "text/markdown; charset=utf-8",
            $"{Document.Reference}-review.md");
    }
}
