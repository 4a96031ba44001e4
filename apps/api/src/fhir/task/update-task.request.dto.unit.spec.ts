import { readTaskChange } from './update-task.request.dto';

const ID = '7f1d2c3a-0000-4000-8000-0000000000aa';
const task = (fields: Record<string, unknown>) => ({ resourceType: 'Task', id: ID, intent: 'order', ...fields });
const refusal = (body: unknown): unknown => {
  try {
    readTaskChange(ID, body);
  } catch (error) {
    return (error as { body?: unknown }).body;
  }
  return 'accepted';
};

describe('reading what a Task update asks', () => {
  it('takes the new status and the text of its reason as the note of the move', () => {
    expect(readTaskChange(ID, task({ status: 'accepted', statusReason: { text: 'From Monday' } }))).toMatchObject({
      status: 'accepted',
      note: 'From Monday',
    });
  });

  it('takes a rejection’s coded reason, or "other" when only a text is given', () => {
    const coded = task({
      status: 'rejected',
      statusReason: { coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/decline-reason', code: 'safety' }] },
    });
    expect(readTaskChange(ID, coded)).toMatchObject({ declineReason: 'safety', note: null });
    expect(readTaskChange(ID, task({ status: 'rejected', statusReason: { text: 'Full' } }))).toMatchObject({
      declineReason: 'other',
      note: 'Full',
    });
  });

  it('takes a completion’s outcome from its output, "service provided" when none is named', () => {
    const output = [
      {
        valueCodeableConcept: { coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/closure-outcome', code: 'lost_contact' }] },
      },
    ];
    expect(readTaskChange(ID, task({ status: 'completed', output }))).toMatchObject({ outcome: 'lost_contact' });
    expect(readTaskChange(ID, task({ status: 'completed' }))).toMatchObject({ outcome: 'service_provided' });
  });

  it('keeps the references the client sent, for the handler to check they are the referral’s', () => {
    expect(readTaskChange(ID, task({ status: 'accepted', owner: { reference: 'Organization/x' } })).references).toEqual({
      owner: 'Organization/x',
    });
  });

  it.each([
    ['not a Task', { resourceType: 'Patient', id: ID }, 400],
    ['another id', { ...task({ status: 'accepted' }), id: 'other' }, 400],
    ['no status', task({}), 400],
    ['a status FHIR does not have', task({ status: 'done' }), 400],
    ['a rejection without reason', task({ status: 'rejected' }), 400],
    [
      'an unknown code of ours',
      task({
        status: 'rejected',
        statusReason: { coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/decline-reason', code: 'bored' }] },
      }),
      400,
    ],
    ['a reference that is not one', task({ status: 'accepted', owner: 'health-93' }), 400],
    ['an empty note', task({ status: 'accepted', statusReason: { text: '' } }), 400],
    ['a status that is no step of a referral', task({ status: 'in-progress' }), 422],
    ['an array', [], 400],
  ])('refuses %s', (_, body, status) => {
    expect(refusal(body)).toMatchObject({ status });
  });
});
