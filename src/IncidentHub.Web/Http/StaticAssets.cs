namespace IncidentHub.Web.Http;

/// <summary>How the app finds its CSS, JS and icons when it runs from a build rather than a publish.</summary>
public static class StaticAssets
{
    /// <summary>
    /// Run from a build (the tests, <c>./run.sh</c>) in any environment, the compressed CSS and JS are
    /// found where the build left them; a published app has them in wwwroot and no such manifest, so
    /// this does nothing there. Run from a build, <c>MapStaticAssets</c> would also add a catch-all GET
    /// endpoint for files made after the build, which turns a PUT or DELETE to an unknown address
    /// into 405 instead of 404: the app has no such files, so that endpoint is left out.
    /// </summary>
    public static WebApplicationBuilder UseBuiltStaticAssets(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";
        return builder;
    }
}
