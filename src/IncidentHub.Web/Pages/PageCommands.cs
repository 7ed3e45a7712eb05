using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Features;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentHub.Web.Pages;

/// <summary>
/// Pages send the same commands as the API. What the API answers as 400/409/412 a page shows
/// beside the fields concerned (or above the form), keeping what the user typed.
/// </summary>
public static class PageCommands
{
    private const string StaleKey = "IncidentHub.Stale";

    /// <summary>Where a stale submit's message is kept: a key no field and no general summary shows.</summary>
    private const string StaleField = "$stale";

    /// <summary>Whether the last command was refused because someone else changed the thing first.</summary>
    public static bool WasStale(this PageModel page) => page.HttpContext.Items.ContainsKey(StaleKey);

    public static async Task<(bool Succeeded, T? Result)> TrySendAsync<T>(this PageModel page, ISender sender, ICommand<T> command, string fieldPrefix = "Input.")
    {
        try
        {
            return (true, await sender.Send(command, page.HttpContext.RequestAborted));
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                page.ModelState.AddModelError(Key(fieldPrefix, ProblemDetailsExceptionHandler.FieldName(error.PropertyName)), error.ErrorMessage);
            }
        }
        catch (DomainValidationException invalid)
        {
            page.ModelState.AddModelError(Key(fieldPrefix, invalid.Field), invalid.Message);
        }
        catch (InvalidReferenceException reference)
        {
            page.ModelState.AddModelError(Key(fieldPrefix, reference.Field), reference.Message);
        }
        catch (RuleViolationException rule)
        {
            foreach (var breach in rule.Breaches)
            {
                page.ModelState.AddModelError(string.Empty, breach.Message);
            }
        }
        catch (PreconditionFailedException stale)
        {
            // The page says this once, in its own words and with what changed meanwhile (see WasStale);
            // the API's advice ("read it again and retry") is kept off the general messages so that it
            // does not show as a second banner. The form stays invalid, so it keeps what was typed.
            page.HttpContext.Items[StaleKey] = true;
            page.ModelState.AddModelError(StaleField, stale.Message);
        }

        return (false, default);
    }

    /// <summary>A query whose invalid input (a bad filter in the address) is shown beside the filter instead of failing the page.</summary>
    public static async Task<(bool Succeeded, T? Result)> TrySendQueryAsync<T>(this PageModel page, ISender sender, IQuery<T> query, string fieldPrefix)
    {
        try
        {
            return (true, await sender.Send(query, page.HttpContext.RequestAborted));
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                page.ModelState.AddModelError(Key(fieldPrefix, ProblemDetailsExceptionHandler.FieldName(error.PropertyName)), error.ErrorMessage);
                page.ModelState.AddModelError(string.Empty, error.ErrorMessage);
            }

            return (false, default);
        }
    }

    private static string Key(string prefix, string field) => field.Length == 0 ? string.Empty : prefix + field;
}
