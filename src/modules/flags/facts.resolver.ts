import { Arg, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Context } from '../../context';
import { Filing } from '../filings/filing.entity';

/** What the rules read about a filing at an instant, as a public document. */
@ObjectType('FactsDocument', {
  description: 'The facts the rules read about a filing as of an instant (platform, filing, prev, ctx), integers as decimal strings, with the SHA-256 of its RFC 8785 canonical form. Anyone can re-run the published rules on it: `npm run registry -- recompute`.',
})
export class FactsDocumentType {
  @Field({ description: 'The instant the facts are taken at.' }) asOf!: Date;
  @Field({ description: 'SHA-256 (hex) of the document in RFC 8785 canonical JSON.' }) sha256!: string;
  @Field(() => GraphQLJSONObject, { description: 'The variables platform, filing, prev and ctx, as the rules read them.' }) document!: object;
}

/** The facts of a filing, as the one builder (factsAsOf) gives them to every evaluation; loaded set-based per request. */
@Resolver(() => Filing)
export class FilingFactsResolver {
  @FieldResolver(() => FactsDocumentType, {
    description: "The facts the rules read about this filing version as of `asOf` (default: the instant it is evaluated at: its submission, or for imported history its file's ctx.asOf, with the due periods and parameters that file declared); a flag's evidence.evaluatedAt names the instant it was raised at.",
  })
  facts(@Root() filing: Filing, @Ctx() { loaders }: Context, @Arg('asOf', () => Date, { description: 'The instant to take the facts at; default: the instant this version is evaluated at.', nullable: true }) asOf?: Date): Promise<FactsDocumentType> {
    return loaders.factsOfFiling.load({ filing, asOf: asOf ?? null });
  }
}
