/** The error a promise rejects with; a test failure if it resolves. */
export function failure(p: Promise<unknown>): Promise<any> {
  return p.then(
    () => {
      throw new Error("expected a failure, but it succeeded");
    },
    (e) => e,
  );
}
