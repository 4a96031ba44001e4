import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { CapturingLogger } from './support/personal-data-scan';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const LANGUAGES = ['fr', 'en', 'ar', 'fa-AF', 'ps', 'ti'] as const;
const TITLES: Record<(typeof LANGUAGES)[number], string> = {
  fr: 'Votre reçu de consentement',
  en: 'Your consent receipt',
  ar: 'إيصال موافقتكِ',
  'fa-AF': 'رسید رضایت شما',
  ps: 'ستاسو د رضایت رسید',
  ti: 'ቅብሊት ፍቓድኪ',
};

/** Her consent receipt and her access report over HTTP: what the holder prints or texts to her (issue 12, item 6). */
describe('her consent receipt and her access report', () => {
  const logger = new CapturingLogger();
  let restoreConsole: () => void;
  let network: TestNetwork;
  let asso: Partner;
  let refuge: Partner;
  let stranger: Partner;
  let caseId: string;
  let consentId: string;

  const receipt = (lang?: string, who: Partner = asso, id = caseId) =>
    network
      .http()
      .get(`/v1/cases/${id}/consent-receipt`)
      .query(lang ? { lang } : {})
      .set(auth(who));
  const report = (lang?: string, who: Partner = asso) =>
    network
      .http()
      .get(`/v1/cases/${caseId}/access-report`)
      .query(lang ? { lang } : {})
      .set(auth(who));

  beforeAll(async () => {
    restoreConsole = logger.captureConsole();
    network = await startTestNetwork({ logLevel: 'trace' }, { logger });
    asso = await onboard(network, {
      id: 'asso-93',
      name: 'Association 93',
      kind: 'ngo',
      department: '93',
      services: ['legal'],
      contact: { phone: '+33 1 48 00 00 00', email: 'accueil@asso93.example' },
    });
    refuge = await onboard(network, { id: 'refuge-75', name: 'Refuge des Lilas', kind: 'refuge', department: '75', services: ['shelter'] });
    stranger = await onboard(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical'] });
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(asso))
      .send(
        identifyBody(['refuge-75'], {
          consent: {
            recipients: ['refuge-75'],
            categories: ['identity', 'contact'],
            purposes: ['referral'],
            expiresAt: '2030-06-01T00:00:00.000Z',
            method: 'verbal',
            language: 'ti',
          },
        }),
      );
    expect(identified.status).toBe(201);
    ({ caseId, consentId } = identified.body as { caseId: string; consentId: string });
  });
  afterAll(async () => {
    await network.close();
    restoreConsole();
  });

  it('lists the contact the holder registered in the directory, its phone in E.164', async () => {
    const directory = await network.http().get('/v1/organisations').set(auth(refuge));
    expect(directory.body.items.find((o: { id: string }) => o.id === 'asso-93')).toMatchObject({
      contact: { phone: '+33148000000', email: 'accueil@asso93.example' },
    });
  });

  it('gives the holder her receipt in the language her consent was explained in, Tigrinya here', async () => {
    const response = await receipt();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      caseId,
      language: 'ti',
      direction: 'ltr',
      review: 'to be reviewed by a native speaker',
      holder: { organisationId: 'asso-93', name: 'Association 93', contact: { phone: '+33148000000' } },
      consents: [
        {
          consentId,
          status: 'active',
          recipients: [{ organisationId: 'refuge-75', name: 'Refuge des Lilas' }],
          categories: ['identity', 'contact'],
          purposes: ['referral'],
          expiresAt: '2030-06-01T00:00:00.000Z',
        },
      ],
      document: { title: 'ቅብሊት ፍቓድኪ' },
      sms: { encoding: 'UCS-2', safeToSend: true },
    });
    expect(response.body.sms.text).toContain('Refuge des Lilas');
    expect(response.body.sms.text).toContain('01/06/2030');
    // Stored in E.164, printed as it is dialled.
    expect(response.body.sms.text).toContain('+33 1 48 00 00 00');
  });

  it.each(LANGUAGES)(
    'writes it in %s when asked, right to left for Arabic, Dari and Pashto, with the SMS length in segments',
    async (lang) => {
      const response = await receipt(lang);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ language: lang, direction: ['ar', 'fa-AF', 'ps'].includes(lang) ? 'rtl' : 'ltr' });
      expect(response.body.document.title).toBe(TITLES[lang]);
      const { sms } = response.body as { sms: { text: string; encoding: string; characters: number; segments: number } };
      const perSegment = sms.encoding === 'GSM-7' ? [160, 153] : [70, 67];
      expect(sms.segments).toBe(sms.characters <= perSegment[0]! ? 1 : Math.ceil(sms.characters / perSegment[1]!));
      expect(sms.encoding).toBe(lang === 'fr' || lang === 'en' ? 'GSM-7' : 'UCS-2');
    },
  );

  it('never shows her name or her phone number, only a reference', async () => {
    for (const lang of LANGUAGES) {
      const body = JSON.stringify((await receipt(lang)).body);
      for (const hers of ['Awa', 'Diallo', '+33600000000', '1994-03-02']) expect(body).not.toContain(hers);
    }
  });

  it('answers any other partner, even one her consent names, with the 404 of a case that does not exist', async () => {
    for (const who of [refuge, stranger]) {
      for (const response of [await receipt('fr', who), await report('fr', who)]) {
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('CASE.NOT_FOUND');
      }
    }
  });

  it('refuses a language it does not speak, and a file number that is not one', async () => {
    const unknown = await receipt('de');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'REQUEST.VALIDATION' });
    expect((await receipt('fr', asso, 'not-a-case')).status).toBe(400);
  });

  it('lists in her access report every organisation that opened her data, when and which categories', async () => {
    expect((await report('en')).body.organisations).toEqual([]);
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).status).toBe(200);
    const response = await report('ar');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      language: 'ar',
      direction: 'rtl',
      complete: true,
      organisations: [{ organisationId: 'refuge-75', name: 'Refuge des Lilas', roles: [], categories: ['identity', 'contact'], times: 1 }],
      document: { title: 'من اطّلع على معلوماتكِ' },
    });
    expect(response.body.document.sections[0].table.rows[0][0]).toBe('Refuge des Lilas');
    expect(response.body.sms.text).toContain('Refuge des Lilas');
  });

  it('shows a withdrawn consent as withdrawn, and says no consent is in force in the SMS', async () => {
    const withdrawn = await network.http().post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`).set(auth(asso)).send({});
    expect(withdrawn.status).toBe(200);
    const response = await receipt('en');
    expect(response.body.consents[0]).toMatchObject({ status: 'withdrawn', endedAt: expect.any(String) });
    expect(response.body.sms.text).toBe(
      `Passerelle ref ${response.body.reference as string}. No consent in force. To withdraw, call Association 93 +33 1 48 00 00 00.`,
    );
  });

  it('writes none of her personal data to the logs', () => {
    const lines = logger.lines.join('\n');
    expect(lines).toContain('consent-receipt');
    for (const hers of ['Awa', 'Diallo', '+33600000000', '1994-03-02']) expect(lines).not.toContain(hers);
  });
});
