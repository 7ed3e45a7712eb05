namespace IncidentHub.Web.Tests.Support;

/// <summary>Runs many calls released at the same instant, so that they really overlap on the server.</summary>
public static class Concurrently
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(async index =>
        {
            await start.Task;
            return await call(index);
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }
}
