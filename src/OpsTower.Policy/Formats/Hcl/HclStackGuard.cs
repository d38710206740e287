using System.Runtime.CompilerServices;

namespace OpsTower.Policy.Formats.Hcl;

/// <summary>
/// Whether the current thread has stack left for another level of recursion. The nesting limit alone cannot
/// promise that: frame sizes differ between builds and hosts give threads small stacks.
/// </summary>
internal static class HclStackGuard
{
    public static bool HasRoom()
    {
#if NETSTANDARD2_0
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (System.InsufficientExecutionStackException)
        {
            return false;
        }
#else
        return RuntimeHelpers.TryEnsureSufficientExecutionStack();
#endif
    }
}
