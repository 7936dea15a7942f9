import { equalityFilter } from '../../../lambdas/adapters/dynamodb/equality-filter';

describe('equalityFilter', () => {
  it('filters on each value given and leaves the undefined ones out', () => {
    const values: Record<string, unknown> = { ':pk': 'T#a' };
    expect(equalityFilter({ channel: 'messenger', status: undefined }, values)).toEqual({
      FilterExpression: '#f_channel = :f_channel',
      ExpressionAttributeNames: { '#f_channel': 'channel' },
    });
    expect(values).toEqual({ ':pk': 'T#a', ':f_channel': 'messenger' });
  });

  it('adds the other conditions after the equalities, and stands alone with them', () => {
    const values: Record<string, unknown> = {};
    expect(equalityFilter({ status: 'open' }, values, ['attribute_exists(readAt)'])).toEqual({
      FilterExpression: '#f_status = :f_status AND attribute_exists(readAt)',
      ExpressionAttributeNames: { '#f_status': 'status' },
    });
    expect(equalityFilter({ status: undefined }, {}, ['attribute_exists(readAt)'])).toEqual({
      FilterExpression: 'attribute_exists(readAt)',
    });
  });

  it('is empty when nothing filters', () => {
    expect(equalityFilter({ status: undefined }, {})).toEqual({});
  });
});
