/**
 * The one error a pure plan throws for an argument it cannot build, like pulumi-eks's `InputPropertyError`: the
 * argument's property path (`egress.publicIpCount`, `origins[1]`, `vmSizes`) and a one-line message that names
 * it and what to do. The program turns it into that line alone (index.ts), never a stack trace; the stack
 * configuration check runs the same plans and reports `reason` on the config key the path stands for.
 */
export class InputPropertyError extends Error {
    /** The message without the names of the component and the argument, for a caller that names them its own way. */
    public readonly reason: string;

    constructor(
        /** The argument at fault, as a property path of the plan's input. */
        public readonly propertyPath: string,
        message: string,
        reason?: string,
    ) {
        super(message);
        this.name = "InputPropertyError";
        this.reason = reason ?? (message.startsWith(`${propertyPath}: `) ? message.slice(propertyPath.length + 2) : message);
    }
}
