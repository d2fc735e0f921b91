/**
 * The one error a pure plan throws for an argument it cannot build, like pulumi-eks's `InputPropertyError`: the
 * argument's property path (`egress.publicIpCount`, `origins[1]`, `vmSizes`) and a one-line message that names
 * it and what to do. The program turns it into that line alone (index.ts), never a stack trace; the stack
 * configuration check maps the path to its config key where it runs the same plan.
 */
export class InputPropertyError extends Error {
    constructor(
        /** The argument at fault, as a property path of the plan's input. */
        public readonly propertyPath: string,
        message: string,
    ) {
        super(message);
        this.name = "InputPropertyError";
    }
}
