using System.Reflection;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using NetArchTest.Rules;

namespace IncidentHub.Web.Tests.Architecture;

/// <summary>
/// The layering README's "How it is built" describes, checked on the compiled assemblies: the domain
/// stands alone, use cases (Features) know nothing of the pages and endpoints that call them, and
/// pages and endpoints reach data only by sending commands and queries.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Incident).Assembly;
    private static readonly Assembly Web = typeof(IncidentHubDbContext).Assembly;

    private static readonly string[] Frameworks =
    [
        "Microsoft.AspNetCore",
        "Microsoft.EntityFrameworkCore",
        "Npgsql",
        "Mediator",
        "FluentValidation",
    ];

    [Fact]
    public void The_domain_uses_no_framework_type()
    {
        var result = Types.InAssembly(Domain)
            .ShouldNot().HaveDependencyOnAny(Frameworks)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void The_domain_references_no_framework_assembly()
    {
        var references = Domain.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? "")
            .Where(name => Frameworks.Any(framework => name.StartsWith(framework, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(references);
    }

    [Fact]
    public void Features_use_neither_pages_nor_endpoints()
    {
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("IncidentHub.Web.Features")
            .ShouldNot().HaveDependencyOnAny("IncidentHub.Web.Pages", "IncidentHub.Web.Api")
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Pages_and_endpoints_reach_data_only_through_commands_and_queries()
    {
        // Page models and the compiled .cshtml views (the Razor compiler names them IncidentHub.Web.Pages.Pages_*,
        // and would use AspNetCoreGeneratedDocument for views outside a namespace), the API endpoints and the
        // live-update endpoints, lambdas included; the handlers in Features are the ones that hold the DbContext.
        // Each rule was seen to fail when broken: a Mediator type in the domain, a Features type naming a page
        // model, a view injecting the DbContext, an endpoint lambda taking it as a parameter.
        var result = Types.InAssembly(Web)
            .That().ResideInNamespace("IncidentHub.Web.Pages")
            .Or().ResideInNamespace("AspNetCoreGeneratedDocument")
            .Or().ResideInNamespace("IncidentHub.Web.Api")
            .Or().ResideInNamespace("IncidentHub.Web.Live")
            .ShouldNot().HaveDependencyOn(typeof(IncidentHubDbContext).FullName)
            .GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    private static string Failing(TestResult result) =>
        "Breaks the rule: " + string.Join(", ", result.FailingTypeNames ?? []);
}
