using System.Net.Sockets;
using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Tests;

/// <summary>While a store is down, a node logs the stack of each kind of failure once a minute, not once a brand.</summary>
public sealed class FailureStacksTests
{
    [Fact]
    public void The_first_failure_of_a_kind_in_a_minute_is_logged_with_its_stack_and_the_next_ones_are_not()
    {
        var stacks = new FailureStacks(TimeSpan.FromMinutes(1));

        Assert.True(stacks.Log(new SocketException(111), 1_000));
        Assert.False(stacks.Log(new SocketException(111), 30_000));
        Assert.True(stacks.Log(new TimeoutException("the store did not answer"), 30_000));
        Assert.False(stacks.Log(new SocketException(111), 60_999));
        Assert.True(stacks.Log(new SocketException(111), 61_000));
        Assert.False(stacks.Log(new SocketException(111), 61_001));
    }
}
