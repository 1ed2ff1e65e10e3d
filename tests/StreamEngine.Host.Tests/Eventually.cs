namespace StreamEngine.Host.Tests;

/// <summary>Waits for something the engine does in the background, by polling a condition, never by sleeping a guessed time.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {(within ?? TimeSpan.FromSeconds(60)).TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
